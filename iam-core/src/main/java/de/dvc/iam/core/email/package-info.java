/**
 * Email addresses as the federation reads them: one strict parser, so that home-IdP discovery
 * (which routes by an address's domain) and domain binding (which checks it) always agree on which
 * domain an address is in.
 */
package de.dvc.iam.core.email;
