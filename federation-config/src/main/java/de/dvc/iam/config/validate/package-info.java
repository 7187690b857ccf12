/**
 * {@code validate}: the files read, checked against the schema and bound, then iam-core's rules over the
 * whole federation — official keys, domains, attribute profiles, assurance, SAML metadata files (BSI
 * TR-02102-1 key strength), access policies, unique names across files and secrets only by reference.
 * Nothing here talks to a server or the network.
 */
package de.dvc.iam.config.validate;
