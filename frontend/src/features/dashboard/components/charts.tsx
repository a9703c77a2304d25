import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { useFormat } from '@/i18n/use-format'

export function BalanceChart({
  points,
  currency,
}: {
  points: { date: string; balance: number }[]
  currency: string
}) {
  const format = useFormat()
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="date" tickFormatter={(value: string) => value.slice(0, 7)} fontSize={12} />
        <YAxis
          tickFormatter={(value: number) => format.money(value, currency, { compact: true })}
          fontSize={12}
          width={76}
        />
        <Tooltip formatter={(value) => format.money(Number(value), currency)} />
        <Line
          type="monotone"
          dataKey="balance"
          name="Balance"
          stroke="#0f766e"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  )
}

export function CategoryChart({
  slices,
  currency,
}: {
  slices: { name: string; value: number; colour: string }[]
  currency: string
}) {
  const format = useFormat()
  return (
    <ResponsiveContainer width="100%" height={240}>
      <PieChart>
        <Pie
          data={slices}
          dataKey="value"
          nameKey="name"
          innerRadius="50%"
          outerRadius="85%"
          isAnimationActive={false}
        >
          {slices.map((slice) => (
            <Cell key={slice.name} fill={slice.colour} />
          ))}
        </Pie>
        <Tooltip formatter={(value) => format.money(Number(value), currency)} />
      </PieChart>
    </ResponsiveContainer>
  )
}

export function MonthChart({
  months,
  currency,
}: {
  months: { month: string; income: number; expense: number }[]
  currency: string
}) {
  const format = useFormat()
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={months} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="month" fontSize={12} />
        <YAxis
          tickFormatter={(value: number) => format.money(value, currency, { compact: true })}
          fontSize={12}
          width={76}
        />
        <Tooltip formatter={(value) => format.money(Number(value), currency)} />
        <Legend />
        <Bar dataKey="income" name="Income" fill="#15803d" isAnimationActive={false} />
        <Bar dataKey="expense" name="Expense" fill="#b91c1c" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}
