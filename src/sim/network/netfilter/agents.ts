/**
 * The programs on a machine that write rules of their own while they run (kube-proxy, the kubelet,
 * flanneld). Each keeps its rules in place by looking again whenever the rules are read: what a
 * learner sees is what those daemons' periodic syncs would have made of them by now.
 */
type Agent = () => void;

const agents = new WeakMap<object, Agent[]>();

/** Register an agent for a machine; returns its removal. */
export function addNetfilterAgent(machine: object, agent: Agent): () => void {
  const list = agents.get(machine) ?? [];
  list.push(agent);
  agents.set(machine, list);
  return () => {
    const i = list.indexOf(agent);
    if (i >= 0) list.splice(i, 1);
  };
}

/** Let every agent of the machine bring its rules up to date. */
export function syncNetfilterAgents(machine: object): void {
  for (const agent of agents.get(machine) ?? []) agent();
}
