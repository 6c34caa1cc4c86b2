import { describe, expect, it } from 'vitest';
import { outcomeSummary, streetChartSvg, type StreetRow } from './street-chart';

const labels = {
	title: 'Participation across estates',
	desc: 'Bars per estate against the 2/3 line',
	area: 'Area',
	heads: 'Heads',
	twoThirds: '2/3',
	noResult: 'No counted assembly',
	outcome: { passed: 'passed', failed: 'failed', complete: 'elected' }
};
const row = (o: Partial<StreetRow>): StreetRow => ({
	estate: 'A',
	units: 1,
	heads: 1,
	area: '1.00',
	assembly: '',
	areaPct: '',
	headsPct: '',
	outcomes: '',
	...o
});

describe('streetChartSvg', () => {
	it('draws each estate’s participation by area and heads with labels, the 2/3 line and outcomes', () => {
		const svg = streetChartSvg(
			[
				row({
					estate: '金色家园',
					areaPct: '75.0',
					headsPct: '50.0',
					outcomes: 'e1:complete r1:passed r2:failed'
				}),
				row({ estate: '<滨海>' })
			],
			labels
		);
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg).toContain('role="img"');
		expect(svg).toContain('<title id="street-chart-title">Participation across estates</title>');
		expect(svg).toContain(
			'<desc id="street-chart-desc">Bars per estate against the 2/3 line; 金色家园: Area 75.0%, Heads 50.0%, elected 1 · passed 1 · failed 1; &lt;滨海&gt;: No counted assembly</desc>'
		);
		expect(svg).toContain('>75.0%</text>');
		expect(svg).toContain('>50.0%</text>');
		expect(svg).toContain('>elected 1 · passed 1 · failed 1</text>');
		expect(svg).toContain('>&lt;滨海&gt;</text>');
		expect(svg).not.toContain('<滨海>');
		// The plot starts at x=52 and spans 244: 75% → 183 wide, 50% → 122, the 2/3 line at 52 + 162.7.
		expect(svg).toContain('width="183.0"');
		expect(svg).toContain('width="122.0"');
		expect(svg).toMatch(/<line x1="214.7" y1="18" x2="214.7"/);
	});

	it('counts outcome codes in the given words', () => {
		expect(outcomeSummary('r1:passed r2:passed e1:incomplete', { passed: '通过' })).toBe(
			'通过 2 · incomplete 1'
		);
		expect(outcomeSummary('', {})).toBe('');
	});
});
