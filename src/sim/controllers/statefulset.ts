/**
 * The StatefulSet controller: pods with stable names `<set>-0 … <set>-N-1`, hostname and
 * subdomain from serviceName, a PersistentVolumeClaim `<template>-<set>-<ordinal>` per
 * volumeClaimTemplate (created before the pod, kept after it). OrderedReady creates ordinal i
 * only when all lower ones are Running and Ready and scales down from the highest, one at a
 * time; Parallel does not wait. RollingUpdate replaces pods from the highest ordinal down to the
 * partition, one at a time, tracked by ControllerRevisions.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { computeHash } from './machinery/hash';
import { ensureRevision } from './machinery/revisions';
import { restorePatch } from '../go-typed';
import { canonical, controllerOf, deepClone, isPodAvailable, isPodReady, ownerRef, spec, status, type Obj } from './machinery/objects';
import { PODS, podsInformer } from './replicaset';

export const STATEFULSETS = { group: 'apps', version: 'v1', resource: 'statefulsets' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const REVISIONS = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };
const HASH_LABEL = 'controller-revision-hash';

const ordinalOf = (set: KubeObject, p: KubeObject): number => {
  const m = new RegExp(`^${set.metadata!.name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(p.metadata!.name!);
  return m ? Number(m[1]) : -1;
};

export class StatefulSetController extends Controller {
  readonly name = 'statefulset';
  private sets!: Informer;
  private pods!: Informer;
  private pvcs!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'statefulset-controller';
  }

  setup(): void {
    this.sets = this.ctx.factory.for(STATEFULSETS);
    this.pods = podsInformer(this.ctx);
    this.pvcs = this.ctx.factory.for(PVCS);
    this.sets.addHandlers({ onAdd: (o) => this.enqueue(o), onUpdate: (_a, b) => this.enqueue(b), onDelete: (o) => this.enqueue(o) });
    const onPod = (p: KubeObject) => {
      const c = controllerOf(p);
      if (c?.kind === 'StatefulSet') this.queue.add(`${p.metadata?.namespace}/${c.name}`);
    };
    this.pods.addHandlers({ onAdd: onPod, onUpdate: (_a, b) => onPod(b), onDelete: onPod });
  }

  private revisionHash(set: KubeObject): string {
    return computeHash(spec(set).template);
  }

  private podFor(set: KubeObject, ordinal: number, hash: string): KubeObject {
    const s = spec(set);
    const t = deepClone((s.template ?? {}) as Obj);
    const name = `${set.metadata!.name}-${ordinal}`;
    const labels = { ...(t.metadata?.labels ?? {}), [HASH_LABEL]: `${set.metadata!.name}-${hash}`, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) };
    const podSpec = { ...(t.spec ?? {}), hostname: name } as Obj;
    if (s.serviceName) podSpec.subdomain = s.serviceName;
    const volumes = [...((podSpec.volumes ?? []) as Obj[])];
    for (const claim of (s.volumeClaimTemplates ?? []) as Obj[]) {
      const claimName = `${claim.metadata?.name}-${name}`;
      const i = volumes.findIndex((v) => v.name === claim.metadata?.name);
      const vol = { name: claim.metadata?.name, persistentVolumeClaim: { claimName } };
      if (i >= 0) volumes[i] = vol;
      else volumes.push(vol);
    }
    if (volumes.length) podSpec.volumes = volumes;
    const meta: Obj = { name, namespace: set.metadata!.namespace, labels, ownerReferences: [ownerRef(set, 'apps/v1', 'StatefulSet')] };
    if (t.metadata?.annotations) meta.annotations = t.metadata.annotations;
    return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: podSpec };
  }

  private ensureClaims(set: KubeObject, ordinal: number): boolean {
    const name = `${set.metadata!.name}-${ordinal}`;
    for (const claim of (spec(set).volumeClaimTemplates ?? []) as Obj[]) {
      const claimName = `${claim.metadata?.name}-${name}`;
      if (this.pvcs.getByName(set.metadata!.namespace, claimName)) continue;
      const body: KubeObject = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: claimName, namespace: set.metadata!.namespace, labels: { ...((spec(set).selector?.matchLabels ?? {}) as Record<string, string>) } },
        spec: deepClone(claim.spec ?? {}),
      };
      const r = this.client.create(PVCS, set.metadata!.namespace, body);
      if (r.code === 201) this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${name} in StatefulSet ${set.metadata!.name} success`);
      else if (r.code !== 409) {
        this.recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${claimName} for Pod ${name} in StatefulSet ${set.metadata!.name} failed error: ${(r.body as { message?: string }).message ?? ''}`);
        return false;
      }
    }
    return true;
  }

  sync(key: string): boolean {
    const set = this.sets.get(key);
    if (!set || set.metadata?.deletionTimestamp) return true;
    const s = spec(set);
    const replicas = s.replicas === undefined ? 1 : Number(s.replicas);
    const parallel = s.podManagementPolicy === 'Parallel';
    const hash = this.revisionHash(set);
    const revision = `${set.metadata!.name}-${hash}`;
    this.ensureRevision(set, hash);
    const pods = this.pods.byIndex('owner', set.metadata!.uid!);
    const byOrdinal = new Map<number, KubeObject>();
    for (const p of pods) byOrdinal.set(ordinalOf(set, p), p);
    const minReady = Number(s.minReadySeconds ?? 0);
    const now = this.clock.now();
    const healthy = (p: KubeObject | undefined) => !!p && !p.metadata?.deletionTimestamp && status(p).phase === 'Running' && isPodReady(p);
    // Replace failed pods; create missing ones in order.
    for (let i = 0; i < replicas; i++) {
      const p = byOrdinal.get(i);
      if (p && (status(p).phase === 'Failed' || status(p).phase === 'Succeeded') && !p.metadata?.deletionTimestamp) {
        this.deletePod(set, p);
        if (!parallel) break;
        continue;
      }
      if (!p) {
        if (!this.ensureClaims(set, i)) return false;
        const r = this.client.create(PODS, set.metadata!.namespace, this.podFor(set, i, hash));
        if (r.code === 201) this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${set.metadata!.name}-${i} in StatefulSet ${set.metadata!.name} successful`);
        else if (r.code !== 409) {
          this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${set.metadata!.name}-${i} in StatefulSet ${set.metadata!.name} failed error: ${(r.body as { message?: string }).message ?? ''}`);
          return false;
        }
        if (!parallel) break;
        continue;
      }
      if (!parallel && !healthy(p)) break;
    }
    // Scale down from the highest ordinal.
    const extra = [...byOrdinal.entries()].filter(([i]) => i >= replicas).sort((a, b) => b[0] - a[0]);
    if (extra.length) {
      const allHealthyBelow = [...Array(replicas).keys()].every((i) => healthy(byOrdinal.get(i)));
      for (const [, p] of extra) {
        if (p.metadata?.deletionTimestamp) {
          if (!parallel) break;
          continue;
        }
        if (!parallel && !allHealthyBelow) break;
        this.deletePod(set, p);
        if (!parallel) break;
      }
    }
    // Rolling update, highest ordinal first, down to the partition.
    const strategy = (s.updateStrategy ?? {}) as Obj;
    if (strategy.type !== 'OnDelete') {
      const partition = Number(strategy.rollingUpdate?.partition ?? 0);
      const inRange = [...Array(replicas).keys()].map((i) => byOrdinal.get(i));
      if (inRange.every((p) => healthy(p))) {
        for (let i = replicas - 1; i >= partition; i--) {
          const p = byOrdinal.get(i)!;
          if (p.metadata?.labels?.[HASH_LABEL] !== revision) {
            this.deletePod(set, p);
            break;
          }
        }
      }
    }
    const active = this.pods.byIndex('owner', set.metadata!.uid!).filter((p) => !p.metadata?.deletionTimestamp && ordinalOf(set, p) >= 0);
    const ready = active.filter((p) => isPodReady(p));
    const updated = active.filter((p) => p.metadata?.labels?.[HASH_LABEL] === revision);
    const prev = status(set);
    const allUpdated = updated.length === replicas && active.length === replicas;
    const next: Obj = {
      availableReplicas: active.filter((p) => isPodAvailable(p, minReady, now)).length,
      collisionCount: prev.collisionCount ?? 0,
      currentReplicas: allUpdated ? updated.length : active.length - updated.length,
      currentRevision: allUpdated ? revision : (prev.currentRevision ?? revision),
      observedGeneration: set.metadata?.generation,
      readyReplicas: ready.length,
      replicas: active.length,
      updateRevision: revision,
      updatedReplicas: updated.length,
    };
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (!next[k]) delete next[k];
    if (canonical(next) !== canonical(prev)) this.client.updateStatus(STATEFULSETS, set.metadata!.namespace, { ...set, status: next });
    if (minReady && ready.length) this.queue.addAfter(keyOf(set), minReady * 1000);
    return true;
  }

  private deletePod(set: KubeObject, p: KubeObject): void {
    const r = this.client.delete(PODS, p.metadata!.namespace, p.metadata!.name!);
    if (r.code === 200) this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata!.name} in StatefulSet ${set.metadata!.name} successful`);
  }

  private ensureRevision(set: KubeObject, hash: string): void {
    const name = `${set.metadata!.name}-${hash}`;
    ensureRevision(this.client, {
      owner: set,
      name,
      labels: { ...((spec(set).selector?.matchLabels ?? {}) as Record<string, string>), [HASH_LABEL]: name },
      data: restorePatch(set, 'apps.v1.StatefulSet'),
      ownerReference: ownerRef(set, 'apps/v1', 'StatefulSet'),
    });
  }
}
