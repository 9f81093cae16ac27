import { isBuiltinMethodCall } from './syntax.js';
import { ts } from './typescript.js';

/**
 * The nodes of one file that any analysis starts from, found in one walk and kept per file: the
 * rules run in the same process over the same source files, so the leak finder, the rewrite
 * planner and the class checks share the walk instead of each taking its own.
 */
export interface FileScan {
  /**
   * In source order: variable declarations with an initializer, `x = …` assignments, expression
   * statements, and `Promise.all(…)` calls. The leak finder's starting points.
   */
  readonly leakSites: readonly (ts.VariableDeclaration | ts.BinaryExpression | ts.ExpressionStatement | ts.CallExpression)[];
  /** `try` statements with a `finally` block: where a manual release may become `using`. */
  readonly tryFinallyStatements: readonly ts.TryStatement[];
  readonly classes: readonly ts.ClassLikeDeclaration[];
  /**
   * `new X(…)` and `new a.b.X(…)`: where the program makes instances of its classes, by name or
   * through a constructor it was given (`new this.options.driver(…)`).
   */
  readonly instantiations: readonly ts.NewExpression[];
}

const scans = new WeakMap<ts.SourceFile, FileScan>();

export function scanFile(sourceFile: ts.SourceFile): FileScan {
  const cached = scans.get(sourceFile);
  if (cached) return cached;
  const leakSites: FileScan['leakSites'][number][] = [];
  const tryFinallyStatements: ts.TryStatement[] = [];
  const classes: ts.ClassLikeDeclaration[] = [];
  const instantiations: ts.NewExpression[] = [];
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.VariableDeclaration:
        if ((node as ts.VariableDeclaration).initializer) leakSites.push(node as ts.VariableDeclaration);
        break;
      case ts.SyntaxKind.BinaryExpression:
        if ((node as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken) leakSites.push(node as ts.BinaryExpression);
        break;
      case ts.SyntaxKind.ExpressionStatement:
        leakSites.push(node as ts.ExpressionStatement);
        break;
      case ts.SyntaxKind.CallExpression:
        // `Promise.all(…)`: the one call whose array argument the leak finder looks into.
        if (isBuiltinMethodCall(node as ts.CallExpression, 'Promise', 'all')) leakSites.push(node as ts.CallExpression);
        break;
      case ts.SyntaxKind.TryStatement:
        if ((node as ts.TryStatement).finallyBlock) tryFinallyStatements.push(node as ts.TryStatement);
        break;
      case ts.SyntaxKind.NewExpression:
        if (ts.isIdentifier((node as ts.NewExpression).expression) || ts.isPropertyAccessExpression((node as ts.NewExpression).expression)) {
          instantiations.push(node as ts.NewExpression);
        }
        break;
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
        classes.push(node as ts.ClassLikeDeclaration);
        break;
      // Types, imports and exports hold no statement, call or class.
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.ExportDeclaration:
        return;
      default:
        if (node.kind >= ts.SyntaxKind.FirstTypeNode && node.kind <= ts.SyntaxKind.LastTypeNode) return;
    }
    node.forEachChild(visit);
  };
  sourceFile.forEachChild(visit);
  const scan: FileScan = { leakSites, tryFinallyStatements, classes, instantiations };
  scans.set(sourceFile, scan);
  return scan;
}
