/**
 * The demo service: an OIDC relying party of realm {@code dvc} built with nothing but Spring
 * Boot and Spring Security, as the service-operator guide describes.
 */
package de.dvc.iam.demo.service;
