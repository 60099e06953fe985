/** Files as the load stage reads them (record files, evidence bytes, templates) and as the write stage writes them. */

/** A text file read from disk. `path` is relative to the working folder, with `/`. */
export interface SourceFile {
  path: string;
  text: string;
  /** A digest of the file's bytes, when the loader made one (`load/digest.ts`): what caches key the file by. */
  digest?: string;
}

/** A file under `data/<mission>/evidence/`, as read: its bytes and their SHA-256. */
export interface EvidenceBytes {
  /** Relative to the working folder, with `/`, as a session's `evidence[].file` cites it. */
  path: string;
  /** SHA-256 of the bytes as stored (a `.gz` file's compressed bytes), lowercase hex. */
  sha256: string;
  bytes: Uint8Array;
}

/** The files of one mission folder, as `load` found them. */
export interface MissionFiles {
  /** Folder name under the data folder; the report is `<out>/<name>.md`. */
  name: string;
  /** The folder path, such as `data/<name>`. */
  dir: string;
  mission: SourceFile | null;
  /** Session files, sorted by path in code-point order. */
  sessions: SourceFile[];
  /** Every file under `evidence/`, sorted by path; null where they were not read (`tally diff`'s base). */
  evidence: EvidenceBytes[] | null;
}

/** The template and partial files a build may use, by name. */
export interface TemplateSources {
  /** `templates/<name>.hbs`, by name. */
  templates: Record<string, SourceFile>;
  /** `templates/partials/<name>.hbs`, by name; a user's partial replaces a shipped one of the same name. */
  partials: Record<string, SourceFile>;
}

/** A report to write: the path and its full bytes. */
export interface ReportFile {
  path: string;
  content: string;
}
