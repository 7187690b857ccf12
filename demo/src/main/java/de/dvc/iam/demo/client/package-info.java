/**
 * A browser-less OIDC client of DVC IAM that follows a whole brokered login hop by hop (cookies per
 * realm path, SAML POST bindings, agency login form, code, tokens). Used by the integration tests and
 * the benchmarks; not part of the server.
 */
package de.dvc.iam.demo.client;
