export { adminCreatePlace, type AdminPlaceResult } from './places';
export {
	adminChangeAccount,
	adminCreateAccount,
	listScopedAccounts,
	type AccountChange,
	type AdminAccountResult,
	type ScopedAccount
} from './accounts';
export { adminPaths, ensureRootPlace, inScope, ROOT_PLACE_ID } from './scope';
