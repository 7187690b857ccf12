/** The DVC audit log: JSON lines per login and refusal, written after the transaction ends. */
package de.dvc.iam.keycloak.audit;
