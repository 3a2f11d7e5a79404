/** Registers every `kubectl create <kind>` generator. */
import './deployment';
import './service';
import './configmap';
import './secret';
import './simple';
import './pdb';
import './rbac-bindings';
import './jobs';
import './ingress';
import './role';
import './from-file';
import './token';
