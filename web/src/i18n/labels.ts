/** Names of the resolution's groups of indicators and tasks. */
const GROUP_LABELS: Record<string, string> = {
  party_building: 'Xây dựng Đảng',
  economy: 'Kinh tế',
  society: 'Xã hội',
  environment: 'Môi trường',
  social: 'Văn hóa – xã hội',
  urban_environment: 'Đô thị và môi trường',
  mass_mobilisation: 'Dân vận, Mặt trận và đoàn thể',
  infrastructure: 'Kết cấu hạ tầng',
  government: 'Xây dựng chính quyền',
  implementation: 'Tổ chức thực hiện',
  covid: 'Phòng, chống COVID-19',
  business: 'Doanh nghiệp',
  budget: 'Ngân sách',
  administrative_reform: 'Cải cách hành chính',
  defense: 'Quốc phòng, an ninh',
  human_resources: 'Nguồn nhân lực',
  foreign_affairs: 'Đối ngoại',
};

export function groupLabel(group: string): string {
  return GROUP_LABELS[group] ?? group;
}
