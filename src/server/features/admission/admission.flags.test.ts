/** Village flags of tasks that reached the village without admission. */
import { describe, expect, it } from 'vitest';
import { admissionTest, VILLAGE, TOWNSHIP } from './admission.test-helpers.js';

const s = admissionTest();

describe('village flags of tasks that reached the village without admission', () => {
  it('are stored, listed for the township and the s.district, and counted per department', async () => {
    const departments = await s.village.get('/api/admission/departments');
    const agri = departments.body.items.find((d: any) => d.name === '长治市上党区农业农村局');
    expect(agri).toBeTruthy();
    const flag = await s.village.post('/api/admission/flags', {
      departmentId: agri.id,
      taskTitle: '要求每日上报秸秆禁烧巡查照片',
      channel: 'wechat',
      receivedOn: '2026-11-27',
      description: '微信群通知，未见准入决定',
    });
    expect(flag.status, JSON.stringify(flag.body)).toBe(200);
    expect(flag.body).toMatchObject({ regionCode: VILLAGE, departmentName: '长治市上党区农业农村局', status: 'open' });
    await s.village.post('/api/admission/flags', {
      departmentName: '长治市某协会',
      taskTitle: '会员发展任务',
      channel: 'phone',
      receivedOn: '2026-11-20',
    });

    expect((await s.township.get('/api/notifications')).body.items).toContainEqual(
      expect.objectContaining({ kind: 'admission.flag', entityId: flag.body.id }),
    );
    for (const who of [s.township, s.district]) {
      const list = await who.get('/api/admission/flags');
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: any) => i.id)).toContain(flag.body.id);
      const counts = await who.get('/api/admission/flags/by-department');
      expect(counts.body.items).toContainEqual(expect.objectContaining({ departmentId: agri.id, count: 1 }));
    }
    const mine = await s.dept.get('/api/admission/flags/by-department');
    expect(mine.body.items).toEqual([expect.objectContaining({ departmentName: '长治市上党区农业农村局', count: 1 })]);
    const deptList = await s.dept.get('/api/admission/flags');
    expect(deptList.body.items.map((i: any) => i.taskTitle)).toEqual(['要求每日上报秸秆禁烧巡查照片']);
    expect(deptList.body.items[0].flaggedByName).toBeNull(); // the web says “a village officer”
    expect(
      (await s.township.get('/api/admission/flags')).body.items.find((i: any) => i.id === flag.body.id).flaggedByName,
    ).toBe('韩店村委会（演示）');

    // Another township sees nothing of this s.village.
    const other = await s.t.deps.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'township')
      .where('code', '!=', TOWNSHIP)
      .executeTakeFirstOrThrow();
    expect(other.code).toBeTruthy();
    expect(
      (
        await s.township.post('/api/admission/flags', {
          departmentName: 'x',
          taskTitle: '任务',
          channel: 'phone',
          receivedOn: '2026-11-20',
        })
      ).status,
    ).toBe(403);
    const future = await s.village.post('/api/admission/flags', {
      departmentName: '某部门',
      taskTitle: '任务',
      channel: 'phone',
      receivedOn: '2027-01-01',
    });
    expect(future.status).toBe(400);
  });
});
