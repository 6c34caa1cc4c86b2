import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from './mask';

describe('masking personal data for display (PIPL 第51条)', () => {
	it.each([
		['13812345678', '138****5678'],
		['138 1234 5678', '138****5678'],
		['021-12345678', '021****5678'],
		['12345', '***45'],
		['', '']
	])('maskPhone(%j) = %j', (input, out) => expect(maskPhone(input)).toBe(out));
	it.each([
		['张伟', '张*'],
		['张三丰', '张*丰'],
		['欧阳明月', '欧**月'],
		['王', '*'],
		[' 李四 ', '李*'],
		['𠀋一二', '𠀋*二'],
		['', '']
	])('maskName(%j) = %j', (input, out) => expect(maskName(input)).toBe(out));
});
