/**
 * Joining the federation: an agency created by a federation operator, its contacts, and the invitation that makes a
 * named contact its first (or a further) agency admin before the agency has an IdP of its own.
 */
package de.dvc.iam.core.onboarding;
