/** Assurance levels (Vertrauensniveaus) and what an agency IdP may claim. */
package de.dvc.iam.core.assurance;
