/**
 * The federation as the files describe it, bound after the schema check: immutable specs of agencies (with
 * their IdPs), services and settings, each with its {@link de.dvc.iam.config.model.Origin} in the files so
 * that every rule can say where. {@code plan} and {@code apply} are to compare these with the server.
 */
package de.dvc.iam.config.model;
