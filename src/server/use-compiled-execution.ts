import { compileQuery, isCompiledQuery } from 'graphql-jit';
import {
  execute,
  getNullableType,
  isListType,
  isNonNullType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Executes with graphql-jit, each document and operation compiled once (and kept as long as the parsed
 * document is cached). Built-in scalars and enums are written as the models give them, with no
 * serializer call per leaf: every model getter answers its field's exact type. graphql-js still runs
 * what graphql-jit answers differently: documents selecting lists of nullable items (graphql-jit drops
 * a failing last item instead of answering null in its place), and requests whose variables fail to
 * coerce (graphql-jit's errors there lack the variable's location).
 */
export function useCompiledExecution(): Plugin {
  // Per document and operation: the execute function of its compiled query, or null to leave it to graphql-js.
  const compiled = new WeakMap<DocumentNode, Map<string | undefined, ExecuteFn | null>>();
  const compiledFor = (args: ExecutionArgs): ExecuteFn | null => {
    const operationName = args.operationName ?? undefined;
    let byName = compiled.get(args.document);
    if (byName === undefined) compiled.set(args.document, (byName = new Map()));
    let run = byName.get(operationName);
    if (run === undefined) byName.set(operationName, (run = compile(args.schema, args.document, operationName)));
    return run;
  };
  return {
    onExecute: ({ args, setExecuteFn }) => {
      const run = compiledFor(args);
      if (run !== null) setExecuteFn(run);
    },
  };
}

type ExecuteFn = (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): ExecuteFn | null {
  if (selectsNullableListItems(schema, document)) return null;
  const query = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true, disableLeafSerialization: true });
  if (!isCompiledQuery(query)) return null;
  // No data: the variables did not coerce; graphql-js says so with the variable's location.
  const answered = (args: ExecutionArgs) => (result: ExecutionResult) => ('data' in result ? result : execute(args));
  return (args) => {
    const result = query.query(args.rootValue, args.contextValue, args.variableValues);
    return result instanceof Promise ? result.then(answered(args)) : answered(args)(result);
  };
}

/** Whether a document selects a list of nullable items anywhere (`nodes`, `_entities`). */
function selectsNullableListItems(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: () => {
        const type = getNullableType(typeInfo.getType());
        if (isListType(type) && !isNonNullType(type.ofType)) found = true;
      },
    }),
  );
  return found;
}
