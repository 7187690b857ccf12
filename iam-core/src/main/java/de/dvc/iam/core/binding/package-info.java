/** Domain binding: which identities an agency IdP may assert. */
package de.dvc.iam.core.binding;
