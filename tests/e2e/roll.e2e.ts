import { expect, test } from '@playwright/test';
import { logIn } from './helpers';

const HEADER = '楼栋,房号,类型,面积,面积来源,业主姓名,证件号码,电话,产权证号,共有人代表,开发商未售';
const rows = (area: string) => [
	'1栋,101,住宅,89.50,登记簿,张三,110101199001011234,13800000001,,,',
	`1栋,102,住宅,${area},登记簿,张三,110101199001011234,,,,`,
	'1栋,201,住宅,120.25,实测,李四,11010119850202567X,13800000002,,是,',
	'1栋,201,住宅,120.25,实测,王五,110101198703035678,13800000003,,否,',
	'2栋,S01,商铺,50.00,合同,,,,,,是'
];
const file = (area: string) => ({
	name: '名册.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from('\uFEFF' + [HEADER, ...rows(area)].join('\r\n') + '\r\n', 'utf8')
});

test('staff import a roll: a bad area is shown by line and column, the fixed file is imported', async ({
	page
}) => {
	await logIn(page, 'staff2');
	await expect(page).toHaveURL(/\/staff\/estates\/e-binhai$/);
	await page.getByRole('link', { name: '业主名册' }).click();
	await expect(page).toHaveURL(/\/staff\/estates\/e-binhai\/roll$/);
	await page.locator('html[data-hydrated]').waitFor();
	await expect(page.getByRole('heading', { level: 1, name: '业主名册' })).toBeVisible();
	await expect(page.getByTestId('roll-units')).toHaveText('20');

	await page.getByLabel('名册文件（CSV 或 XLSX）').setInputFiles(file('九十'));
	await page.getByRole('button', { name: '上传并预览' }).click();
	await expect(page.getByRole('alert')).toContainText('发现 1 个问题，未导入任何数据');
	const problem = page.getByTestId('roll-problems').locator('tbody tr');
	await expect(problem).toHaveCount(1);
	await expect(problem.locator('td').nth(0)).toHaveText('3');
	await expect(problem.locator('td').nth(1)).toHaveText('面积');
	await expect(problem.locator('td').nth(2)).toContainText('面积必须是大于 0、最多两位小数的数字');
	await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);
	await expect(page.getByTestId('roll-units')).toHaveText('20');

	await page.getByLabel('名册文件（CSV 或 XLSX）').setInputFiles(file('90'));
	await page.getByRole('button', { name: '上传并预览' }).click();
	const preview = page.getByTestId('roll-preview');
	await expect(preview.getByTestId('preview-units')).toHaveText('4');
	await expect(preview.getByTestId('preview-heads')).toHaveText('3');
	await expect(preview.getByTestId('roll-problems')).toHaveCount(0);
	const units = preview.getByTestId('diff-units').locator('td');
	// e-binhai's demo units 101, 102 and 201 stay (changed), S01 is new, the 17 others go.
	await expect(units.nth(0)).toHaveText('1');
	await expect(units.nth(1)).toHaveText('3');
	await expect(units.nth(2)).toHaveText('17');

	await page.getByRole('button', { name: '确认导入' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已导入' })).toContainText(
		'房屋新增 1、修改 3、删除 17'
	);
	await expect(page.getByTestId('roll-units')).toHaveText('4');
	await expect(page.getByTestId('roll-heads')).toHaveText('3');
	await expect(page.getByTestId('roll-area')).toHaveText('349.75');
	await expect(page.getByTestId('roll-by-building')).toContainText('2栋');

	await page.getByRole('link', { name: '查看和修改房屋' }).click();
	await expect(page.getByTestId('units-total')).toContainText('共 4 套');
	await expect(page.getByTestId('units-table')).toContainText('13800000001');
	await expect(page.getByTestId('units-table')).not.toContainText('110101199001011234');
});
