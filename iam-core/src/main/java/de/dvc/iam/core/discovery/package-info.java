/**
 * Home-IdP discovery (Heimat-IdP-Ermittlung): the rules that take what a user or a service tells
 * us (an email address, an IdP hint) to the agency IdP that should authenticate the user.
 */
package de.dvc.iam.core.discovery;
