import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { citationOf, sourcesOf } from '../../src/lib/domain/legal/rule-sets';
import { estateRules } from '../../src/lib/server/assemblies/access';
import { auditLog } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { ruleSetOf, setRuleSet } from '../../src/lib/server/legal/rule-set';
import { minutesBlocks } from '../../src/lib/server/minutes/blocks';
import { loadMinutesFigures } from '../../src/lib/server/minutes/figures';
import { createPlace } from '../../src/lib/server/places';
import { describeEngines } from './engines';

describeEngines('legal rule set of an estate', (db) => {
	it('the demo estates in 石狮 follow Fujian: the province regulation, national law for each rule', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		expect(await ruleSetOf(db(), 'e-jinse')).toBe('fujian');
		expect((await estateRules(db(), 'e-binhai')).ruleSet).toBe('fujian');
		const sources = sourcesOf('fujian');
		expect(sources[0]).toMatchObject({ title: '《福建省物业管理条例》', local: true });
		expect(sources.map((s) => s.url).every((u) => u.startsWith('https://'))).toBe(true);
		// No Beijing or Hangzhou article is cited for Fujian: the national law stands in.
		expect(sources.some((s) => /北京|杭州/.test(s.title))).toBe(false);
		expect(citationOf('fujian', 'thresholds')).toMatchObject({
			title: '《中华人民共和国民法典》',
			article: '第二百七十八条',
			local: false
		});
		expect(citationOf('fujian', 'notice')).toMatchObject({
			title: '《物业管理条例》',
			local: false
		});
		expect(citationOf('fujian', 'window')).toBeNull();
		expect(citationOf('hangzhou', 'window')).toMatchObject({ article: '第二十条', local: true });
	});

	it('staff set the rule set; the change is audited, a repeat is not, an unknown set is refused', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const estate = await createPlace(db(), {
			kind: 'estate',
			name: '规则测试小区',
			parentId: 'c-hubin'
		});
		expect(estate.ok).toBe(true);
		const id = estate.ok ? estate.place.id : '';
		// A new estate without a settings row cites the national law.
		expect(await ruleSetOf(db(), id)).toBe('national');
		expect(await setRuleSet(db(), null, id, 'hangzhou')).toEqual({
			ok: true,
			ruleSet: 'hangzhou',
			changed: true
		});
		expect(await ruleSetOf(db(), id)).toBe('hangzhou');
		expect((await setRuleSet(db(), null, id, 'hangzhou')).ok).toBe(true);
		expect(await setRuleSet(db(), null, id, 'shanghai')).toEqual({
			ok: false,
			code: 'ruleSet.unknown'
		});
		expect(await setRuleSet(db(), null, 'no-such-estate', 'fujian')).toEqual({
			ok: false,
			code: 'estate.notFound'
		});
		const audited = await db()
			.select({ body: auditLog.body })
			.from(auditLog)
			.where(and(eq(auditLog.scope, id), eq(auditLog.action, 'estate.ruleSet')));
		expect(audited).toHaveLength(1);
		expect(JSON.parse(audited[0].body)).toMatchObject({
			before: { ruleSet: 'national' },
			after: { ruleSet: 'hangzhou' }
		});
		expect(await ruleSetOf(db(), id)).toBe('hangzhou');
	});

	it('the minutes of a counted assembly cite the estate rule set: Fujian, then the national articles', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const f = await loadMinutesFigures(db(), 'a-jinse-2026-1');
		expect(f?.ruleSet).toBe('fujian');
		const rows = minutesBlocks(
			f!,
			{
				version: 1,
				reason: 'counted',
				generatedAt: new Date(),
				verifyUrl: 'https://example.test/verify'
			},
			'zh'
		).flatMap((b) => (b.type === 'kv' ? b.rows : []));
		const law = rows.find((r) => r[0] === '法规依据');
		expect(law?.[1]).toBe(
			'《福建省物业管理条例》；《中华人民共和国民法典》第二百七十八条；《物业管理条例》第十四条'
		);
	});
});
