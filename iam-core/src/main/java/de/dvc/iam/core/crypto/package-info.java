/** Keyed hashes shared by the audit trail and the pairwise subject. */
package de.dvc.iam.core.crypto;
