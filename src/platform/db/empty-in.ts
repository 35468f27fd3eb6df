import {
  BinaryOperationNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  OperatorNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  ValueListNode,
  ValueNode,
} from 'kysely';

// `x IN ()` with an empty list is valid SQL to SQLite (false) and a syntax error to PostgreSQL, so
// a repository that forgot the empty case answered on one database and was a 500 on the other (the
// route fuzz found one: tracing a case whose onset lies after its report). PostgreSQL's connection
// now reads it as SQLite does: IN () is false, NOT IN () is true. (SQLite's hot paths skip the
// plugin, a few µs of tree rewriting per query; behind a network round trip it is noise.)
class EmptyInTransformer extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const t = super.transformBinaryOperation(node);
    const right = t.rightOperand;
    const empty = (PrimitiveValueListNode.is(right) || ValueListNode.is(right)) && right.values.length === 0;
    if (!empty || !OperatorNode.is(t.operator)) return t;
    const op = t.operator.operator;
    if (op !== 'in' && op !== 'not in') return t;
    return BinaryOperationNode.create(
      ValueNode.createImmediate(1),
      OperatorNode.create('='),
      ValueNode.createImmediate(op === 'in' ? 0 : 1),
    );
  }
}

/** Kysely plugin that compiles `IN ()` to false and `NOT IN ()` to true (for PostgreSQL, which refuses them). */
export class EmptyInListPlugin implements KyselyPlugin {
  readonly #transformer = new EmptyInTransformer();

  /** Rewrites the query's empty IN lists. */
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  /** Leaves results as they are. */
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
