/**
 * Domain and role binding: which identities an agency IdP may assert (addresses in its verified
 * domains) and which role parameters (only its own official keys).
 */
package de.dvc.iam.core.binding;
