export * from './types';
export {
	HEADER_LABELS,
	REQUIRED_FIELDS,
	mapHeader,
	normaliseHeader,
	type ColumnMap
} from './headers';
export {
	idLast4,
	isFormulaLike,
	normaliseIdNumber,
	parseAreaSource,
	parseFlag,
	parseKind,
	parseUnitArea
} from './cells';
export { maskName, maskPhone } from './mask';
export { isBlankRow } from './validate';
export { unitKey, type RollUnit } from './units';
export type { RollOwner } from './owners';
export * from './preview';
export * from './diff';
