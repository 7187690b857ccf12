/**
 * Agency onboarding: federation operators create agencies ({@code /realms/dvc/dvc-agencies}), invite a named
 * contact as first agency admin, and the invited person sets up a DVC-local admin account (password and TOTP) that
 * administers that one agency through the registration API's own clients, and nothing else.
 */
package de.dvc.iam.keycloak.onboarding;
