/**
 * Attribute profiles (Attributprofile): how what an agency IdP asserts (ADFS claim URIs, SAML
 * attribute OIDs, PVP attributes, OIDC claims, Active Directory attributes) becomes the
 * person-related part of the DVC identity contract, and which attributes a login needs.
 */
package de.dvc.iam.core.profile;
