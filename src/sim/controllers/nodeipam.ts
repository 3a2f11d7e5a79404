/**
 * The node-ipam controller (kube-controller-manager --allocate-node-cidrs with kubeadm's
 * podSubnet): every Node gets the next free /24 of the cluster CIDR as spec.podCIDR(s).
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import type { Informer } from './machinery/informer';
import { spec } from './machinery/objects';

const NODES = { group: '', version: 'v1', resource: 'nodes' };

export class NodeIpamController extends Controller {
  readonly name = 'node-ipam';
  private nodes!: Informer;

  constructor(
    ctx: ControllerContext,
    /** e.g. 10.244.0.0/16 */
    private readonly clusterCidr: string,
    private readonly maskSize = 24,
  ) {
    super(ctx);
  }

  setup(): void {
    this.nodes = this.ctx.factory.for(NODES);
    this.nodes.addHandlers({ onAdd: (n) => !spec(n).podCIDR && this.enqueue(n) });
  }

  sync(key: string): boolean {
    const node = this.nodes.get(key);
    if (!node || spec(node).podCIDR) return true;
    const cidr = this.next();
    if (!cidr) {
      this.recorder.event(node, 'Normal', 'CIDRNotAvailable', `Node ${node.metadata!.name} status is now: CIDRNotAvailable`);
      return true;
    }
    const r = this.client.patch(NODES, undefined, node.metadata!.name!, { spec: { podCIDR: cidr, podCIDRs: [cidr] } }, 'application/strategic-merge-patch+json');
    return r.code === 200;
  }

  private next(): string | undefined {
    const used = new Set(this.nodes.list().map((n: KubeObject) => String(spec(n).podCIDR ?? '')));
    const [base, bits] = this.clusterCidr.split('/');
    const o = base.split('.').map(Number);
    const start = ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
    const count = 2 ** (this.maskSize - Number(bits));
    for (let i = 0; i < count; i++) {
      const n = (start + i * 2 ** (32 - this.maskSize)) >>> 0;
      const cidr = `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${this.maskSize}`;
      if (!used.has(cidr)) return cidr;
    }
    return undefined;
  }
}
