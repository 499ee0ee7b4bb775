export {
  CheckpointStore,
  type ScanStats,
  type StoreUsage,
  type TurnHandle,
} from "./checkpointStore";
export {
  DEFAULT_LIMITS,
  type ChangeKind,
  type EntryState,
  type FileChange,
  type IncompleteReason,
  type Limits,
  type TurnChanges,
  type UndoFileResult,
  type UndoOutcome,
  type UndoResult,
  type UserEdit,
} from "./types";
export { sharedBlobs, type SharedBlobs } from "./sharedBlobs";
