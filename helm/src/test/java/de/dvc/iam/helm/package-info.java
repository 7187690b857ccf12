/**
 * Offline tests of the Helm chart {@code helm/dvc-iam} and the server image's {@code helm/Containerfile}: Helm lint and
 * template run in-process (helm-java, an embedded Helm 3 library), the rendered manifests are read as YAML and checked
 * for what an operator relies on (secrets only from Secrets, probes, network policy, labels, schema), and chart, image
 * and distribution are checked to agree on the server's build options.
 */
package de.dvc.iam.helm;
