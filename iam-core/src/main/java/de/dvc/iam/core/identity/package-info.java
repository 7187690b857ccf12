/**
 * The DVC identity contract: the normalized identity every service receives, and how it is
 * written as token claims. The contract is documented in {@code docs/claims.md}.
 */
package de.dvc.iam.core.identity;
