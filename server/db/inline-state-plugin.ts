import {
  BinaryOperationNode,
  ColumnNode,
  OperationNodeTransformer,
  PrimitiveValueListNode,
  ReferenceNode,
  ValueListNode,
  ValueNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

// The hot tables' partial indexes are defined on a state (`where state = 'pending'`, `where state = 'active'`...).
// A prepared statement's generic plan may use such an index only when the state is written in the statement, not
// passed as a parameter: with `state = $2` PostgreSQL re-plans the statement on every run instead. Kysely passes
// every value as a parameter, so this plugin writes the state values compared with a `state` column into the text.
// They come from a short list (the states), so the statements stay few.

/** Columns whose compared values are written into the statement. */
const INLINED_COLUMNS = new Set(["state"]);
/** Only plain lower-case words are inlined: never free text. */
const STATE_WORD = /^[a-z][a-z_-]{0,31}$/;

function columnName(node: OperationNode): string | undefined {
  if (ReferenceNode.is(node) && ColumnNode.is(node.column)) {
    return node.column.column.name;
  }
  return ColumnNode.is(node) ? node.column.name : undefined;
}

function inlined(node: OperationNode): OperationNode | undefined {
  if (ValueNode.is(node)) {
    return typeof node.value === "string" && STATE_WORD.test(node.value) ? ValueNode.createImmediate(node.value) : undefined;
  }
  if (PrimitiveValueListNode.is(node)) {
    return inlined(ValueListNode.create(node.values.map((value) => ValueNode.create(value))));
  }
  if (ValueListNode.is(node)) {
    const values = node.values.map(inlined);
    return values.every((value): value is OperationNode => value !== undefined) ? ValueListNode.create(values) : undefined;
  }
  return undefined;
}

class InlineStateTransformer extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const transformed = super.transformBinaryOperation(node);
    const column = columnName(transformed.leftOperand);
    if (!column || !INLINED_COLUMNS.has(column)) {
      return transformed;
    }
    const right = inlined(transformed.rightOperand);
    return right ? BinaryOperationNode.create(transformed.leftOperand, transformed.operator, right) : transformed;
  }
}

export class InlineStatePlugin implements KyselyPlugin {
  private readonly transformer = new InlineStateTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
