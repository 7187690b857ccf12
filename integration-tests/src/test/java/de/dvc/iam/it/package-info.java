/**
 * Integration tests against the real DVC IAM server distribution with real agency IdPs and the
 * demo service; browser flows in Debian's headless Chromium.
 */
package de.dvc.iam.it;
