/**
 * The legal rule set an estate follows: the national law, or the local regulation of its province
 * or city where one has been checked. Each topic the product applies (the voting thresholds, the
 * notice period, the written vote's window) cites the local article where the local set has one,
 * else the national law; where neither sets a rule the estate's own setting applies.
 * Sources: /work/shared/research/security-legal.md (民法典 [L1], 物业管理条例 [L3], 北京 [L5], 杭州 [L7]).
 */

export const RULE_SET_IDS = ['national', 'fujian', 'beijing', 'hangzhou'] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];
export const RULE_TOPICS = ['thresholds', 'notice', 'window'] as const;
export type RuleTopic = (typeof RULE_TOPICS)[number];

export interface Source {
	/** The law's title as published, with its book-title marks: 《…》. */
	title: string;
	/** The article cited, e.g. "第二百七十八条"; null where the whole law is the source. */
	article: string | null;
	/** Where the official text can be read (the national database of laws and regulations). */
	url: string;
}

export interface Citation extends Source {
	/** True when the article is the local rule set's own, false for the national fallback. */
	local: boolean;
}

/** 国家法律法规数据库: every national law, administrative and local regulation is published there. */
const FLK = 'https://flk.npc.gov.cn/';

const NATIONAL: Partial<Record<RuleTopic, Source>> = {
	thresholds: { title: '《中华人民共和国民法典》', article: '第二百七十八条', url: FLK },
	notice: { title: '《物业管理条例》', article: '第十四条', url: FLK }
	// window: no national rule bounds a written vote; the estate's 议事规则 (its setting) applies.
};

interface RuleSet {
	/** The local regulation itself, null for the national set. */
	regulation: Source | null;
	/** Topics where the local regulation's own article has been checked. */
	topics: Partial<Record<RuleTopic, Source>>;
}

export const RULE_SETS: Record<RuleSetId, RuleSet> = {
	national: { regulation: null, topics: {} },
	// The province's regulation applies to 石狮 (泉州, 福建); no article has been checked against
	// the official text yet, so every topic cites the national law.
	fujian: {
		regulation: { title: '《福建省物业管理条例》', article: null, url: FLK },
		topics: {}
	},
	beijing: {
		regulation: { title: '《北京市物业管理条例》', article: null, url: FLK },
		topics: { notice: { title: '《北京市物业管理条例》', article: '第三十五条', url: FLK } }
	},
	hangzhou: {
		regulation: { title: '《杭州市物业管理条例》', article: null, url: FLK },
		topics: { window: { title: '《杭州市物业管理条例》', article: '第二十条', url: FLK } }
	}
};

export function isRuleSetId(value: unknown): value is RuleSetId {
	return typeof value === 'string' && (RULE_SET_IDS as readonly string[]).includes(value);
}

/** The source for `topic` under `set`: the local article, else the national law, else null. */
export function citationOf(set: RuleSetId, topic: RuleTopic): Citation | null {
	const local = RULE_SETS[set].topics[topic];
	if (local) return { ...local, local: true };
	const national = NATIONAL[topic];
	return national ? { ...national, local: false } : null;
}

/** Every source of a rule set: its regulation, then the cited article of each topic, no repeats. */
export function sourcesOf(set: RuleSetId): Citation[] {
	const out: Citation[] = [];
	const regulation = RULE_SETS[set].regulation;
	if (regulation) out.push({ ...regulation, local: true });
	for (const topic of RULE_TOPICS) {
		const c = citationOf(set, topic);
		if (c && !out.some((o) => o.title === c.title && o.article === c.article)) out.push(c);
	}
	return out;
}

/** "《民法典》第二百七十八条" for display. */
export function citationText(c: Source): string {
	return c.article ? `${c.title}${c.article}` : c.title;
}
