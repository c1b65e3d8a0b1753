import type { Template } from 'aws-cdk-lib/assertions';

/**
 * A small IAM evaluator for the statements this stack synthesizes: Allow/Deny with actions and
 * resources (wildcards `*` and `?`), and the condition operators the table grants use. A statement
 * with any other operator makes evaluation throw, so a new kind of condition cannot be silently
 * ignored. Unknown context values (e.g. the attributes of a read without a projection, which DynamoDB
 * treats as "all attributes") fail every condition on them: the evaluator errs towards deny.
 */

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** One request as IAM sees it. A context value of `undefined` means "present but unknown". */
export interface Request {
  action: string;
  resource: string;
  context: Record<string, string | string[] | undefined>;
}

export interface Decision {
  allowed: boolean;
  /** Sid (or index) of the statement that allowed or denied it. */
  by?: string;
}

/** CloudFormation values of resources, resolved to stable strings: `arn:<logicalId>`, `ref:<logicalId>`. */
export function resolveValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v['Fn::GetAtt'])) {
    const [id, attr] = v['Fn::GetAtt'] as [string, string];
    // A table's stream (the stream-triggered alert function reads it).
    if (attr === 'StreamArn') return `arn:${id}/stream`;
    if (attr !== 'Arn') throw new Error(`unexpected GetAtt ${id}.${attr} in a policy resource`);
    return `arn:${id}`;
  }
  if (typeof v.Ref === 'string') return v.Ref.startsWith('AWS::') ? `{${v.Ref}}` : `ref:${v.Ref}`;
  if (Array.isArray(v['Fn::Join'])) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(resolveValue).join(sep);
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

/** Every statement of the policies attached to a role, with resources resolved. */
export function roleStatements(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleLogicalId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
    .map((s) => ({ ...s, Resource: list(s.Resource as unknown).map(resolveValue) }));
}

function list<T>(v: T | T[]): T[] {
  return Array.isArray(v) ? v : [v];
}

function wildcard(pattern: string, value: string, caseInsensitive = false): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, caseInsensitive ? 'i' : '').test(value);
}

type Operator = (pattern: string, value: string) => boolean;
const OPERATORS: Record<string, Operator> = {
  StringEquals: (p, v) => p === v,
  StringLike: (p, v) => wildcard(p, v),
};

function conditionHolds(
  op: string,
  key: string,
  expected: string[],
  actual: string | string[] | undefined,
  hasKey: boolean,
): boolean {
  const m = /^(ForAllValues:|ForAnyValue:)?(\w+?)(IfExists)?$/.exec(op);
  const base = m && OPERATORS[m[2]!];
  if (!m || !base) throw new Error(`condition operator ${op} (on ${key}) is not modelled by this evaluator`);
  const [, set, , ifExists] = m;
  if (!hasKey) return set === 'ForAllValues:' || Boolean(ifExists);
  if (actual === undefined) return false;
  const matchesOne = (v: string) => expected.some((p) => base(p, v));
  const values = list(actual);
  if (set === 'ForAllValues:') return values.every(matchesOne);
  if (set === 'ForAnyValue:') return values.some(matchesOne);
  if (values.length !== 1) throw new Error(`${op} on multivalued key ${key}`);
  return matchesOne(values[0]!);
}

function statementMatches(s: Statement, req: Request): boolean {
  if (!list(s.Action).some((a) => wildcard(a, req.action, true))) return false;
  if (!(s.Resource as string[]).some((r) => wildcard(r, req.resource))) return false;
  for (const [op, block] of Object.entries(s.Condition ?? {})) {
    for (const [key, expected] of Object.entries(block)) {
      if (!conditionHolds(op, key, list(expected), req.context[key], key in req.context)) return false;
    }
  }
  return true;
}

/** Explicit deny wins; otherwise allowed iff some Allow statement matches. */
export function evaluate(statements: Statement[], req: Request): Decision {
  const name = (s: Statement, i: number) => s.Sid ?? `#${i}`;
  const deny = statements.findIndex((s) => s.Effect === 'Deny' && statementMatches(s, req));
  if (deny >= 0) return { allowed: false, by: name(statements[deny]!, deny) };
  const allow = statements.findIndex((s) => s.Effect === 'Allow' && statementMatches(s, req));
  return allow >= 0 ? { allowed: true, by: name(statements[allow]!, allow) } : { allowed: false };
}
