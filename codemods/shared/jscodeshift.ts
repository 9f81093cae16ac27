/** jscodeshift's file argument. */
export interface FileInfo {
  readonly path: string;
  readonly source: string;
}

/** The part of jscodeshift's API the transforms use. */
export interface TransformApi {
  readonly report: (message: string) => void;
}
