/** Load scripts that compare DVC IAM with stock Keycloak in the same run on the same machine. */
package de.dvc.iam.bench;
