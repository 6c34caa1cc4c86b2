export { currentSnapshot, findEstate, loadRoll } from './current-roll';
export { rollLock, type RollLock } from '../publication/state';
export {
	commitImport,
	previewImport,
	type CommitResult,
	type ImportPreview,
	type ImportSummary
} from './import-roll';
export {
	updateOwner,
	updateUnit,
	type EditResult,
	type OwnerPatch,
	type UnitPatch
} from './edit-roll';
export { countedKindsOf, setCountedKinds } from './settings';
export { rollTotals, type StoredRollTotals } from './totals';
export { buildingNames, findOwners, getUnit, listUnits, type UnitListRow } from './list-units';
export { describeProblem, type ImportProblem } from './problems';
export { previewView, type PreviewView } from './preview-view';
export { dropUpload, stashUpload, sweepPendingUploads, takeUpload } from './pending-upload';
