export { A4, buildDocument, renderDocument } from './document';
export type { Align, Block, DocumentOptions, TableColumn, TextStyle } from './document';
export { assetsDir, charset, loadFont, subsetFor, type FontWeight } from './fonts';
export { qrPath } from './qr';
export {
	formatBeijingTime,
	formatCode,
	renderRegistrationLetters,
	type RegistrationLetter,
	type RegistrationLetterOptions
} from './registration-letter';
