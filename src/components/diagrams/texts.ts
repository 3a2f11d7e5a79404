/**
 * Accessible titles, descriptions and translated labels of every diagram, in both
 * site languages. Kept apart from the .astro files so tests can check them in Node.
 */
import type { DiagramLang, DiagramTexts } from './types';

export type DiagramName = 'architecture' | 'deployment-path' | 'informer' | 'kubeadm-install' | 'upgrade' | 'ha';

export const diagramTexts: Record<DiagramName, DiagramTexts> = {
  architecture: {
    en: {
      title: 'Kubernetes architecture: the control plane on cka01 and the worker nodes cka02 and cka03',
      desc:
        'kubectl sends requests to kube-apiserver on the control plane node cka01. Only kube-apiserver reads and writes etcd. ' +
        'kube-scheduler, kube-controller-manager and the optional cloud-controller-manager talk to kube-apiserver. ' +
        'On cka01 the kubelet runs the control plane components as static Pods. Each worker node runs a kubelet, ' +
        'kube-proxy and the containerd runtime; the kubelet watches kube-apiserver for its Pods and asks containerd to start them.',
    },
    'zh-CN': {
      title: 'Kubernetes 架构：控制平面节点 cka01 与工作节点 cka02、cka03',
      desc:
        'kubectl 把请求发给控制平面节点 cka01 上的 kube-apiserver，只有 kube-apiserver 读写 etcd。' +
        'kube-scheduler、kube-controller-manager 以及可选的 cloud-controller-manager 都只和 kube-apiserver 通信。' +
        'cka01 上的 kubelet 以静态 Pod 的方式运行这些控制平面组件。每个工作节点运行 kubelet、kube-proxy 和容器运行时 containerd；' +
        'kubelet 通过 watch kube-apiserver 得知分到本节点的 Pod，再让 containerd 把容器启动起来。',
    },
  },
  'deployment-path': {
    en: {
      title: 'The path of a Deployment from kubectl apply to a running container',
      desc:
        '1: kubectl sends the Deployment to kube-apiserver, which authenticates, authorizes, admits and validates it, ' +
        '2: then stores it in etcd. 3: the deployment controller sees it through a watch and creates a ReplicaSet. ' +
        '4: the replicaset controller creates Pods. 5: kube-scheduler binds each Pod to a node. ' +
        '6: the kubelet on that node sees the Pod and 7: asks containerd to pull the image and start the container, ' +
        'then writes the Pod status back. 8: kubectl get pods shows it Running.',
    },
    'zh-CN': {
      title: '一个 Deployment 从 kubectl apply 到容器运行的路径',
      desc:
        '1：kubectl 把 Deployment 发给 kube-apiserver，经过认证、授权、准入和校验；2：写入 etcd。' +
        '3：deployment 控制器通过 watch 看到它，创建 ReplicaSet；4：replicaset 控制器创建 Pod；' +
        '5：kube-scheduler 把每个 Pod 绑定到一个节点；6：该节点上的 kubelet 看到 Pod，7：让 containerd 拉取镜像、启动容器，' +
        '再把 Pod 状态写回；8：kubectl get pods 看到 Running。',
    },
  },
  informer: {
    en: {
      title: 'Inside a controller: reflector, DeltaFIFO, informer, indexer and work queue',
      desc:
        'The reflector lists and then watches objects from kube-apiserver and pushes each change, a delta, into the DeltaFIFO queue. ' +
        'The informer pops deltas, updates the indexer (the local cache) and calls the registered event handlers ' +
        '(add, update, delete). The handlers only put the object key into the work queue. ' +
        'A worker takes keys from the queue, reads the object from the cache, reconciles, and writes changes back through kube-apiserver.',
    },
    'zh-CN': {
      title: '控制器内部：Reflector、DeltaFIFO、Informer、Indexer 与工作队列',
      desc:
        'Reflector 先 List 再 Watch kube-apiserver 中的对象，把每个变化（Delta）放进 DeltaFIFO 队列。' +
        'Informer 从队列中取出 Delta，更新 Indexer（本地缓存），并调用注册好的事件处理函数（Add、Update、Delete）。' +
        '处理函数只把对象的 key 放进工作队列。worker 从队列取出 key，到缓存里读对象，执行调谐逻辑，再通过 kube-apiserver 写回变更。',
    },
  },
  'kubeadm-install': {
    en: {
      title: 'Installing a cluster with kubeadm, step by step',
      desc:
        'On every machine: prepare the host (swap off, kernel modules, sysctl), install and configure containerd, ' +
        'install kubeadm, kubelet and kubectl from pkgs.k8s.io and hold them. On cka01: kubeadm init, copy the admin kubeconfig, ' +
        'install a CNI plugin such as Calico or Flannel so the nodes become Ready. On cka02 and cka03: kubeadm join. ' +
        'Finally verify with kubectl get nodes.',
    },
    'zh-CN': {
      title: '用 kubeadm 安装集群的步骤',
      desc:
        '在所有机器上：准备主机（关闭 swap、加载内核模块、配置 sysctl），安装并配置 containerd，' +
        '从 pkgs.k8s.io 安装 kubeadm、kubelet、kubectl 并锁定版本。在 cka01 上：kubeadm init，拷贝管理员 kubeconfig，' +
        '安装 Calico 或 Flannel 等 CNI 插件，节点变为 Ready。在 cka02、cka03 上：kubeadm join。最后用 kubectl get nodes 验证。',
    },
  },
  ha: {
    en: {
      title: 'A highly available control plane with stacked etcd behind one endpoint',
      desc:
        'kubectl, the kubelets and kube-proxy reach the API through one stable endpoint, k8s-api.cka.lab:6443, ' +
        'a load balancer or virtual IP in front of three control plane nodes, cka01, cka02 and cka03. Each node runs ' +
        'kube-apiserver, kube-scheduler, kube-controller-manager and an etcd member. All three API servers serve requests; ' +
        'the scheduler and controller manager work only on the node that holds the leader lease. The three etcd members ' +
        'replicate every write with Raft, so the cluster survives the loss of any one node.',
    },
    'zh-CN': {
      title: '高可用控制平面：堆叠式 etcd，统一入口',
      desc:
        'kubectl、各节点的 kubelet 和 kube-proxy 都通过同一个稳定入口 k8s-api.cka.lab:6443 访问 API，它是位于三个控制平面节点 ' +
        'cka01、cka02、cka03 之前的负载均衡器或虚拟 IP。每个节点都运行 kube-apiserver、kube-scheduler、kube-controller-manager ' +
        '和一个 etcd 成员。三个 API server 都处理请求；scheduler 和 controller-manager 只在持有 leader 租约的节点上工作。三个 etcd 成员' +
        '通过 Raft 复制每一次写入，因此任意一个节点宕机，集群依然可用。',
    },
  },
  upgrade: {
    en: {
      title: 'Upgrading a kubeadm cluster by one minor version',
      desc:
        'First back up etcd. On the control plane node: point the package repository at the next minor version, upgrade kubeadm, ' +
        'run kubeadm upgrade plan and kubeadm upgrade apply, drain the node, upgrade kubelet and kubectl, restart the kubelet and uncordon. ' +
        'Then on each worker, one at a time: switch the repository, upgrade kubeadm, run kubeadm upgrade node, drain it from the control plane, ' +
        'upgrade kubelet and kubectl, restart the kubelet and uncordon it.',
    },
    'zh-CN': {
      title: '把 kubeadm 集群升级一个次版本',
      desc:
        '先备份 etcd。在控制平面节点上：把软件源切换到下一个次版本，升级 kubeadm，执行 kubeadm upgrade plan 和 kubeadm upgrade apply，' +
        '腾空（drain）节点，升级 kubelet 和 kubectl，重启 kubelet，再 uncordon。然后逐个处理工作节点：切换软件源，升级 kubeadm，' +
        '执行 kubeadm upgrade node，在控制平面上 drain 该节点，升级 kubelet 和 kubectl，重启 kubelet，最后 uncordon。',
    },
  },
};

/** Short labels drawn inside the diagrams (component names stay in English in both languages). */
export const diagramLabels: Record<DiagramLang, Record<string, string>> = {
  en: {
    controlPlane: 'Control plane node: cka01',
    worker: 'Worker node',
    optional: '(cloud only)',
    staticPods: 'control plane',
    staticPods2: 'as static Pods',
    staticPodsShort: 'static Pods',
    nodesWatch: 'kubelet, kube-proxy on every node ↑ watch',
    pods: 'Pods',
    client: 'client',
    only: 'the only client of etcd',
    watch: 'watch',
    write: 'write',
    store: 'store',
    request: 'request',
    createsRs: 'creates a ReplicaSet',
    createsPods: 'creates Pods',
    binds: 'sets spec.nodeName',
    runsPod: 'sees its Pod, reports status',
    pullsStarts: 'pulls image, starts container',
    checks: 'authn → authz',
    checks2: '→ admission',
    checks3: '→ validation',
    showsRunning: 'shows Running',
    listWatch: 'ListAndWatch',
    deltas: 'deltas',
    pop: 'pop',
    localCache: 'local cache',
    handlers: 'event handlers',
    handlers2: 'Add / Update / Delete',
    keys: 'namespace/name keys',
    keysShort: 'ns/name keys',
    worker2: 'reconcile(key)',
    read: 'read',
    controllerProcess: 'inside kube-controller-manager',
    allMachines: 'On every machine',
    onCka01: 'On cka01 (control plane)',
    onWorkers: 'On cka02 and cka03',
    step1: '1. Prepare the host',
    step1b: 'swap off · overlay, br_netfilter · ip_forward=1',
    step2: '2. Install containerd',
    step2b: 'SystemdCgroup = true · runc · CNI plugins',
    step3: '3. kubeadm, kubelet, kubectl',
    step3b: 'pkgs.k8s.io/core:/stable:/v1.33 · apt-mark hold',
    step4: '4. kubeadm init',
    step4b: '--pod-network-cidr · certificates · static Pods',
    step5: '5. kubeconfig + CNI',
    step5b: '~/.kube/config · Calico or Flannel → Ready',
    step6: '6. kubeadm join',
    step6b: 'token + CA cert hash from the init output',
    step7: '7. Verify',
    step7b: 'kubectl get nodes · kubectl get pods -A',
    up0: '0. Back up etcd',
    up0b: 'etcdctl snapshot save',
    up1: '1. Repository → next minor',
    up1b: 'v1.32 → v1.33 in kubernetes.list',
    up2: '2. Upgrade kubeadm',
    up2b: 'apt-mark unhold · apt-get install kubeadm',
    up3: '3. kubeadm upgrade plan / apply',
    up3b: 'control plane static Pods, CoreDNS, kube-proxy',
    up4: '4. drain → kubelet + kubectl → uncordon',
    up4b: 'systemctl daemon-reload · restart kubelet',
    up5: '5. Same repository + kubeadm',
    up5b: 'on the worker',
    up6: '6. kubeadm upgrade node',
    up6b: 'updates the kubelet configuration',
    up7: '7. drain → kubelet + kubectl → uncordon',
    up7b: 'one worker at a time',
    cpSide: 'Control plane node first',
    clients: 'kubectl · kubelets · kube-proxy',
    endpoint: 'load balancer / virtual IP',
    leaderNote: '(one leader at a time)',
    raft: 'Raft',
    workerSide: 'Then each worker',
  },
  'zh-CN': {
    controlPlane: '控制平面节点：cka01',
    worker: '工作节点',
    optional: '（仅云上）',
    staticPods: '以静态 Pod',
    staticPods2: '运行控制平面',
    staticPodsShort: '静态 Pod',
    nodesWatch: '各节点的 kubelet、kube-proxy ↑ watch',
    pods: 'Pod',
    client: '客户端',
    only: '唯一直接访问 etcd 的组件',
    watch: 'watch',
    write: '写回',
    store: '存储',
    request: '请求',
    createsRs: '创建 ReplicaSet',
    createsPods: '创建 Pod',
    binds: '设置 spec.nodeName',
    runsPod: '发现 Pod，上报状态',
    pullsStarts: '拉镜像，启动容器',
    checks: '认证 → 鉴权',
    checks2: '→ 准入',
    checks3: '→ 校验',
    showsRunning: '看到 Running',
    listWatch: 'ListAndWatch',
    deltas: 'Delta',
    pop: 'Pop',
    localCache: '本地缓存',
    handlers: '事件处理函数',
    handlers2: 'Add / Update / Delete',
    keys: 'namespace/name 形式的 key',
    keysShort: 'ns/name 形式的 key',
    worker2: 'reconcile(key)',
    read: '读取',
    controllerProcess: 'kube-controller-manager 进程内部',
    allMachines: '所有机器',
    onCka01: 'cka01（控制平面）',
    onWorkers: 'cka02 和 cka03',
    step1: '1. 准备主机',
    step1b: '关闭 swap · overlay、br_netfilter · ip_forward=1',
    step2: '2. 安装 containerd',
    step2b: 'SystemdCgroup = true · runc · CNI 插件',
    step3: '3. kubeadm、kubelet、kubectl',
    step3b: 'pkgs.k8s.io/core:/stable:/v1.33 · apt-mark hold',
    step4: '4. kubeadm init',
    step4b: '--pod-network-cidr · 证书 · 静态 Pod',
    step5: '5. kubeconfig + CNI',
    step5b: '~/.kube/config · Calico 或 Flannel → Ready',
    step6: '6. kubeadm join',
    step6b: '使用 init 输出中的 token 和 CA 证书哈希',
    step7: '7. 验证',
    step7b: 'kubectl get nodes · kubectl get pods -A',
    up0: '0. 备份 etcd',
    up0b: 'etcdctl snapshot save',
    up1: '1. 软件源 → 下一个次版本',
    up1b: 'kubernetes.list 中 v1.32 → v1.33',
    up2: '2. 升级 kubeadm',
    up2b: 'apt-mark unhold · apt-get install kubeadm',
    up3: '3. kubeadm upgrade plan / apply',
    up3b: '控制平面静态 Pod、CoreDNS、kube-proxy',
    up4: '4. drain → kubelet + kubectl → uncordon',
    up4b: 'systemctl daemon-reload · 重启 kubelet',
    up5: '5. 同样切换软件源、升级 kubeadm',
    up5b: '在工作节点上',
    up6: '6. kubeadm upgrade node',
    up6b: '更新 kubelet 配置',
    up7: '7. drain → kubelet + kubectl → uncordon',
    up7b: '一次只处理一个工作节点',
    cpSide: '先升级控制平面节点',
    clients: 'kubectl · kubelet · kube-proxy',
    endpoint: '负载均衡器 / 虚拟 IP',
    leaderNote: '（一次一个 leader）',
    raft: 'Raft',
    workerSide: '再逐个升级工作节点',
  },
};
