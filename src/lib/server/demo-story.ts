import type { Choice } from '../domain/record/types';

export type DemoItem = {
	key: string;
	type: 'resolution' | 'election';
	title: string;
	description: string;
	matter: number;
	seats?: number;
	alternates?: number;
};

export const PUBLISHED_ITEMS: DemoItem[] = [
	{
		key: 'r1',
		type: 'resolution',
		title: '续聘物业服务企业',
		description: '续聘现物业服务企业，合同期三年，物业费标准不变。',
		matter: 4
	},
	{
		key: 'r2',
		type: 'resolution',
		title: '筹集专项维修资金',
		description: '按每平方米30元向全体业主续筹专项维修资金。',
		matter: 6
	},
	{
		key: 'e1',
		type: 'election',
		title: '选举第一届业主委员会',
		description: '委员5名、候补委员2名，从7名经街道联审的候选人中选举。',
		matter: 3,
		seats: 5,
		alternates: 2
	}
];

export const OPEN_ITEMS: DemoItem[] = [
	{
		key: 'r1',
		type: 'resolution',
		title: '使用维修资金更换2栋、3栋电梯',
		description: '预算约86万元，从专项维修资金列支。',
		matter: 5
	},
	{
		key: 'r2',
		type: 'resolution',
		title: '利用共有部分设置广告位',
		description: '在电梯轿厢内设置广告位，收益归全体业主。',
		matter: 8
	},
	{
		key: 'r3',
		type: 'resolution',
		title: '修改管理规约（停车管理条款）',
		description: '地面临时停车限时两小时。',
		matter: 2
	}
];

export interface PlannedBallot {
	ownerId: string;
	/** Fraction of the voting window at which the ballot is cast. */
	when: number;
	choices: Record<string, Choice>;
}

const RESOLUTION = [
	'for',
	'for',
	'for',
	'for',
	'for',
	'for',
	'for',
	'against',
	'against',
	'abstain'
];
// Each election ballot leaves out one of c1..c5 and one of c6/c7, so the 50-ballot cycle gives
// c1..c5 44, 42, 40, 38, 36 votes and c6/c7 30, 20: five elected, c6 alternate, c7 short of half.
const DROP_TOP = [6, 8, 10, 12, 14].flatMap((n, k) => Array<number>(n).fill(k + 1));
const DROP_LOW = [...Array<number>(20).fill(6), ...Array<number>(30).fill(7)];

/**
 * The published demo assembly's ballots, the same on every install: four in five owners vote
 * (quorum), 70 % for the ordinary matter-4 item (passes), about 60 % for the special matter-6
 * item (fails the 3/4 rule), and one voter in seven revotes later, changing their mind on r2.
 */
export function ballotPlan(ownerIds: string[]): PlannedBallot[] {
	const voters = ownerIds.filter((_, i) => i % 5 !== 4);
	const span = 0.8 / voters.length;
	const out: PlannedBallot[] = [];
	voters.forEach((ownerId, v) => {
		const j = (v * 7) % 50;
		const election =
			v % 25 === 24
				? []
				: [1, 2, 3, 4, 5, 6, 7].filter((c) => c !== DROP_TOP[j] && c !== DROP_LOW[j]);
		const choices: Record<string, Choice> = {
			r1: RESOLUTION[v % 10] as Choice,
			r2: RESOLUTION[(v * 3 + 1) % 10 < 6 ? 0 : 7 + (v % 3)] as Choice,
			e1: election.map((c) => `c${c}`)
		};
		const when = 0.02 + span * (v + ((v * 37) % 100) / 100);
		out.push({ ownerId, when, choices });
		if (v % 7 === 3) {
			const r2 = choices.r2 === 'for' ? 'against' : 'for';
			out.push({ ownerId, when: Math.min(when + 0.12, 0.97), choices: { ...choices, r2 } });
		}
	});
	return out.sort((a, b) => a.when - b.when);
}
