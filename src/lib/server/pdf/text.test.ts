import { describe, expect, it } from 'vitest';
import { tokenize, wrapText } from './text';

/** Every character is 1 wide, so `max` counts characters. */
const mono = (s: string) => [...s].length;

describe('tokenize', () => {
	it('splits CJK per character and keeps Latin runs whole', () => {
		expect(tokenize('业主ABC-12 大会')).toEqual(['业', '主', 'ABC-12', ' ', '大', '会']);
	});

	it('keeps closing punctuation with the character before and opening with the one after', () => {
		expect(tokenize('（张喆）说：好。')).toEqual(['（张', '喆）', '说：', '好。']);
	});
});

describe('wrapText', () => {
	it('breaks between CJK characters', () => {
		expect(wrapText('业主身份登记通知书', 4, mono)).toEqual(['业主身份', '登记通知', '书']);
	});

	it('never starts a line with closing punctuation', () => {
		expect(wrapText('一二三，四五', 3, mono)).toEqual(['一二', '三，四', '五']);
	});

	it('moves a Latin word to the next line and drops the space at the break', () => {
		expect(wrapText('hello world again', 12, mono)).toEqual(['hello world', 'again']);
	});

	it('hard-breaks a word longer than the line', () => {
		expect(wrapText('ABCDEFGHIJ', 4, mono)).toEqual(['ABCD', 'EFGH', 'IJ']);
	});

	it('honours newlines and keeps empty paragraphs', () => {
		expect(wrapText('甲\n\n乙', 10, mono)).toEqual(['甲', '', '乙']);
	});

	it('measures each piece of a long text about once (linear work, not a re-measured line)', () => {
		const text = '业主大会表决结果 Result 2025 '.repeat(20_000);
		let measured = 0;
		const counting = (s: string) => {
			measured += [...s].length;
			return mono(s);
		};
		const lines = wrapText(text, 40, counting);
		// Each token once, plus the piece carried onto a new line: under twice the text. A wrapper
		// that re-measured the growing line would measure about 20 times the text at 40 per line.
		expect(measured).toBeLessThan(2 * [...text].length);
		expect(lines.length).toBeGreaterThan(10_000);
		expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
	});
});
