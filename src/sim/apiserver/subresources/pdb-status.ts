/**
 * The DisruptionAllowed condition of a PodDisruptionBudget (pdbhelper): written by the disruption
 * controller and by the eviction subresource when it takes the last allowed disruption.
 */
type Obj = Record<string, unknown>;

/** meta.SetStatusCondition: lastTransitionTime changes only when the status does. */
export function setCondition(conditions: unknown, cond: { type: string; status: string; reason: string; message: string; observedGeneration: number }, now: string): Obj[] {
  const list = ((conditions ?? []) as Obj[]).map((c) => ({ ...c }));
  const existing = list.find((c) => c.type === cond.type);
  if (!existing) return [...list, { type: cond.type, status: cond.status, observedGeneration: cond.observedGeneration, lastTransitionTime: now, reason: cond.reason, message: cond.message }];
  if (existing.status !== cond.status) existing.lastTransitionTime = now;
  existing.status = cond.status;
  existing.reason = cond.reason;
  existing.message = cond.message;
  existing.observedGeneration = cond.observedGeneration;
  return list;
}

/** pdbhelper.UpdateDisruptionAllowedCondition. */
export function disruptionAllowedCondition(conditions: unknown, disruptionsAllowed: number, observedGeneration: number, now: string): Obj[] {
  return setCondition(
    conditions,
    disruptionsAllowed > 0
      ? { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration }
      : { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration },
    now,
  );
}
