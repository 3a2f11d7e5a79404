/**
 * metav1.Status builders with the texts of k8s.io/apimachinery/pkg/api/errors/errors.go.
 * `qualified` is the group-qualified resource ('pods', 'deployments.apps').
 */
import { aggregate } from '../go-errors';
import { goQuote } from '../go-quote';
import type { ApiResponse, Status } from './types';

export interface Cause {
  reason?: string;
  message?: string;
  field?: string;
}

function status(code: number, reason: string, message: string, details?: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

function groupOf(qualified: string): { group?: string; kind: string } {
  const i = qualified.indexOf('.');
  return i < 0 ? { kind: qualified } : { group: qualified.slice(i + 1), kind: qualified.slice(0, i) };
}

export const errors = {
  notFound(qualified: string, name: string): Status {
    return status(404, 'NotFound', `${qualified} "${name}" not found`, { name, ...groupOf(qualified) });
  },
  alreadyExists(qualified: string, name: string): Status {
    return status(409, 'AlreadyExists', `${qualified} "${name}" already exists`, { name, ...groupOf(qualified) });
  },
  conflict(qualified: string, name: string, why: string): Status {
    return status(409, 'Conflict', `Operation cannot be fulfilled on ${qualified} "${name}": ${why}`, { name, ...groupOf(qualified) });
  },
  /** The optimistic-concurrency failure of an update with a stale resourceVersion. */
  modified(qualified: string, name: string): Status {
    return errors.conflict(qualified, name, 'the object has been modified; please apply your changes to the latest version and try again');
  },
  /** 422: `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
  invalid(kind: string, group: string, name: string, causes: Cause[]): Status {
    const msgs = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : (c.message ?? '')));
    // field.ErrorList.ToAggregate: each message once (the causes keep them all).
    const joined = aggregate(msgs);
    const details: Status['details'] = { name, kind, causes: causes.map((c) => ({ ...c })) };
    if (group) details.group = group;
    // NewInvalid's message names the group-qualified kind (kubectl prints "The Kind …" from the details).
    const qualifiedKind = group ? `${kind}.${group}` : kind;
    return status(422, 'Invalid', msgs.length ? `${qualifiedKind} "${name}" is invalid: ${joined}` : `${qualifiedKind} "${name}" is invalid`, details);
  },
  /**
   * The patch handler's NewInvalid(schema.GroupKind{}, "", …) for a patched object that does not
   * decode: no kind and no name (an empty GroupKind prints as nothing, so the message opens with a
   * space), one cause on the field "patch" whose value is the patched JSON or the patch map.
   */
  invalidPatch(value: string, decodeError: string): Status {
    const message = `Invalid value: ${goQuote(value)}: ${decodeError}`;
    return status(422, 'Invalid', ` "" is invalid: patch: ${message}`, { causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }] });
  },
  badRequest(message: string): Status {
    return status(400, 'BadRequest', message);
  },
  forbidden(qualified: string, name: string, message: string): Status {
    const details: Status['details'] = { ...groupOf(qualified) };
    if (name) details.name = name;
    return status(403, 'Forbidden', message, details);
  },
  methodNotSupported(qualified: string, verb: string): Status {
    return status(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualified}"`, groupOf(qualified));
  },
  /**
   * A 422 built from an error without a field (NewGenericServerResponse): the server's own text is
   * replaced by the generic one, as for a JSON patch that does not apply.
   */
  unprocessable(): Status {
    return status(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
  },
  /** The generic 404 for a path the server does not serve. */
  notServed(): Status {
    return status(404, 'NotFound', 'the server could not find the requested resource', {});
  },
  gone(message: string): Status {
    return status(410, 'Expired', message);
  },
  tooManyRequests(message: string, causes?: Cause[]): Status {
    return status(429, 'TooManyRequests', message, causes ? { causes } : undefined);
  },
  internal(message: string): Status {
    return status(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
  },
  serviceUnavailable(message: string): Status {
    return status(503, 'ServiceUnavailable', message);
  },
};

export function fail(s: Status): ApiResponse<never> {
  return { code: s.code, body: s };
}

export function ok<T>(body: T, code = 200): ApiResponse<T> {
  return { code, body };
}

/**
 * A response whose body is made when first read: writers that only look at the code (controllers
 * creating events, kubelets posting status) never pay for a copy of the object.
 */
export function okLazy<T>(make: () => T, code = 200): ApiResponse<T> {
  let body: T | undefined;
  let made = false;
  return {
    code,
    get body(): T {
      if (!made) {
        body = make();
        made = true;
      }
      return body as T;
    },
    set body(value: T) {
      body = value;
      made = true;
    },
  };
}

export function isStatus(x: unknown): x is Status {
  return !!x && typeof x === 'object' && (x as Status).kind === 'Status' && typeof (x as Status).code === 'number';
}

/** A thrown Status inside a handler becomes the response (handlers may `throw errors.x(...)`). */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
}
