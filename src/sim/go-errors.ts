/** Go's error texts shared by the simulated components. */

/**
 * utilerrors.NewAggregate(errs).Error() (k8s.io/apimachinery): one error as it is, several as
 * "[a, b]", each message once.
 */
export function aggregate(errs: readonly string[]): string {
  const unique = [...new Set(errs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
