import type { ts } from './typescript.js';
import { OwnershipAnalyzer } from './ownership.js';
import type { ResourceDeclaration } from './presets.js';
import { ResourceModel } from './resource-model.js';
import type { TypeOrValueSpecifier } from './specifier.js';
import { ThrowModel } from './throw-model.js';
import { AcquisitionModel } from './vocabulary/acquisition.js';

export interface EngineOptions {
  /** Resources the user declares, on top of the presets. */
  readonly resources?: readonly ResourceDeclaration[];
  /** Types the user does not want reported, on top of the default ignore list. */
  readonly ignore?: readonly TypeOrValueSpecifier[];
  /** Functions that take ownership of a resource passed to them. */
  readonly ownershipTransfer?: readonly TypeOrValueSpecifier[];
}

/**
 * The shared engine: one per TypeScript program and option set. The lint rules reach it through
 * typescript-eslint's parser services and the codemods through their own program, so both see the
 * same resources, the same ownership and the same verdicts.
 */
export class Engine {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** Which types are resources, and how they are released. */
  readonly resources: ResourceModel;
  /** Which expressions acquire a fresh resource. */
  readonly acquisitions: AcquisitionModel;
  /** What each reference to a resource does with it. */
  readonly ownership: OwnershipAnalyzer;
  /** Which calls, `new`s and `await`s can throw in practice. */
  readonly throws: ThrowModel;

  constructor(program: ts.Program, options: EngineOptions = {}) {
    this.program = program;
    this.checker = program.getTypeChecker();
    this.resources = new ResourceModel(program, { resources: options.resources ?? [], ignore: options.ignore ?? [] });
    this.acquisitions = new AcquisitionModel(program, this.resources);
    this.ownership = new OwnershipAnalyzer(program, { ownershipTransfer: options.ownershipTransfer ?? [] });
    this.throws = new ThrowModel(program);
  }
}

const engines = new WeakMap<ts.Program, Map<string, Engine>>();

/** The engine for a program and option set, created once and reused across files. */
export function getEngine(program: ts.Program, options: EngineOptions = {}): Engine {
  let byOptions = engines.get(program);
  if (!byOptions) {
    byOptions = new Map();
    engines.set(program, byOptions);
  }
  // `{}` and empty lists are the same engine: the rules without options share the one
  // no-leaked-resource builds with its defaults, and with it every cached verdict.
  const key = JSON.stringify([options.resources ?? [], options.ignore ?? [], options.ownershipTransfer ?? []]);
  let engine = byOptions.get(key);
  if (!engine) {
    engine = new Engine(program, options);
    byOptions.set(key, engine);
  }
  return engine;
}
