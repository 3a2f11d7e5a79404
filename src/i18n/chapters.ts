/**
 * Short names of the chapters in both languages, for the chapter map while a chapter is still being
 * written (once it exists, its own frontmatter title is used). Order: scripts/site/chapters.ts.
 */
import type { Lang } from './ui';

export const CHAPTER_NAMES: Record<string, Record<Lang, string>> = {
  architecture: { en: 'Kubernetes architecture', 'zh-CN': 'Kubernetes 架构' },
  resources: { en: 'Resources and objects', 'zh-CN': '资源与对象' },
  'prepare-machines': { en: 'Preparing the machines', 'zh-CN': '准备机器' },
  'install-kubeadm': { en: 'Installing a cluster with kubeadm', 'zh-CN': '用 kubeadm 安装集群' },
  addons: { en: 'Add-ons: CNI, DNS, metrics, dashboard', 'zh-CN': '插件：CNI、DNS、监控与仪表盘' },
  ha: { en: 'A highly available control plane', 'zh-CN': '高可用控制平面' },
  upgrade: { en: 'Upgrading a cluster', 'zh-CN': '升级集群' },
  'etcd-backup': { en: 'Backing up and restoring etcd', 'zh-CN': '备份与恢复 etcd' },
  troubleshooting: { en: 'Troubleshooting', 'zh-CN': '故障排查' },
  'local-clusters': { en: 'Local clusters', 'zh-CN': '本地集群' },
  'cka-exam': { en: 'The CKA exam', 'zh-CN': 'CKA 考试' },
};
