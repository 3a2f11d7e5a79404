// Package resource stands in for k8s.io/apimachinery/pkg/api/resource at v0.33.0: Quantity with
// the same unexported fields (go-cmp prints them), an Equal method (go-cmp compares through it, as
// it does the real one) and a parser that fills the fields as ParseQuantity does, including which
// strings it keeps in the cache field s.
package resource

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"ckalab.local/gocmp-oracle/inf"
)

type Scale int32

type Format string

type int64Amount struct {
	value int64
	scale Scale
}

type infDecAmount struct {
	*inf.Dec
}

type Quantity struct {
	i int64Amount
	d infDecAmount
	s string
	Format
}

// exact holds each parsed value as a rational number, for Equal; it lives outside the struct so
// that go-cmp prints only the real fields.
var exact = map[Quantity]*big.Rat{}

func (q Quantity) Equal(v Quantity) bool { return q.rat().Cmp(v.rat()) == 0 }

func (q Quantity) rat() *big.Rat {
	if r, ok := exact[q]; ok {
		return r
	}
	return new(big.Rat)
}

var suffixes = map[string]struct {
	base     int
	exponent int
	format   Format
}{
	"":   {10, 0, "DecimalSI"},
	"n":  {10, -9, "DecimalSI"},
	"u":  {10, -6, "DecimalSI"},
	"m":  {10, -3, "DecimalSI"},
	"k":  {10, 3, "DecimalSI"},
	"M":  {10, 6, "DecimalSI"},
	"G":  {10, 9, "DecimalSI"},
	"T":  {10, 12, "DecimalSI"},
	"P":  {10, 15, "DecimalSI"},
	"E":  {10, 18, "DecimalSI"},
	"Ki": {2, 10, "BinarySI"},
	"Mi": {2, 20, "BinarySI"},
	"Gi": {2, 30, "BinarySI"},
	"Ti": {2, 40, "BinarySI"},
	"Pi": {2, 50, "BinarySI"},
	"Ei": {2, 60, "BinarySI"},
}

// split: sign, number without leading zeros, fraction digits, the signed number text, suffix.
func split(str string) (positive bool, num, denom, value, suffix string) {
	positive = true
	pos := 0
	if str[0] == '-' || str[0] == '+' {
		positive = str[0] == '+'
		pos++
	}
	for pos < len(str) && str[pos] == '0' {
		pos++
	}
	start := pos
	for pos < len(str) && str[pos] >= '0' && str[pos] <= '9' {
		pos++
	}
	num = str[start:pos]
	if num == "" {
		num = "0"
	}
	if pos < len(str) && str[pos] == '.' {
		pos++
		ds := pos
		for pos < len(str) && str[pos] >= '0' && str[pos] <= '9' {
			pos++
		}
		denom = str[ds:pos]
	}
	return positive, num, denom, str[:pos], str[pos:]
}

func Parse(str string) (Quantity, error) {
	if str == "0" {
		q := Quantity{Format: "DecimalSI", s: str}
		exact[q] = new(big.Rat)
		return q, nil
	}
	positive, num, denom, value, suf := split(str)
	sx, ok := suffixes[suf]
	if !ok && (strings.HasPrefix(suf, "e") || strings.HasPrefix(suf, "E")) {
		e, err := strconv.Atoi(suf[1:])
		if err != nil {
			return Quantity{}, err
		}
		sx.base, sx.exponent, sx.format, ok = 10, e, "DecimalExponent", true
	}
	if !ok {
		return Quantity{}, fmt.Errorf("unable to parse quantity's suffix")
	}
	// the exact value, for Equal
	r, _ := new(big.Rat).SetString(value)
	if sx.base == 10 {
		r.Mul(r, new(big.Rat).SetFrac(pow(10, max0(sx.exponent)), pow(10, max0(-sx.exponent))))
	} else {
		r.Mul(r, new(big.Rat).SetInt(pow(2, sx.exponent)))
	}

	precision, scale, mantissa := int32(0), int32(0), int64(1)
	if sx.format == "BinarySI" {
		if sx.exponent >= 0 && denom == "" {
			mantissa = 1 << uint(sx.exponent)
			precision = 15 - int32(len(num)) - int32(float32(sx.exponent)*3/10) - 1
		} else {
			precision = -1
		}
	} else {
		scale = int32(sx.exponent)
		precision = 18 - int32(len(num)+len(denom))
	}
	if precision >= 0 {
		scale -= int32(len(denom))
		if scale >= -9 {
			shifted := num + denom
			v, err := strconv.ParseInt(shifted, 10, 64)
			if err != nil {
				return Quantity{}, err
			}
			if result, ok := mul(v, mantissa); ok {
				if !positive {
					result = -result
				}
				q := Quantity{i: int64Amount{value: result, scale: Scale(scale)}, Format: sx.format}
				if sx.format == "BinarySI" {
					if sx.exponent%10 == 0 && v&0x07 != 0 {
						q.s = str
					}
				} else if scale%3 == 0 && !strings.HasSuffix(shifted, "000") && shifted[0] != '0' {
					q.s = str
				}
				exact[q] = r
				return q, nil
			}
		}
	}
	// inf.Dec path: the number at scale 9, rounded away from zero
	num9 := new(big.Rat).Mul(r, new(big.Rat).SetInt(pow(10, 9)))
	unscaled := new(big.Int).Quo(num9.Num(), num9.Denom())
	if new(big.Int).Rem(num9.Num(), num9.Denom()).Sign() != 0 {
		if num9.Sign() > 0 {
			unscaled.Add(unscaled, big.NewInt(1))
		} else {
			unscaled.Sub(unscaled, big.NewInt(1))
		}
	}
	format := sx.format
	if format == "BinarySI" && r.Cmp(big.NewRat(1, 1)) < 0 && r.Sign() > 0 {
		format = "DecimalSI"
	}
	q := Quantity{d: infDecAmount{inf.New(unscaled, 9)}, Format: format}
	exact[q] = new(big.Rat).SetFrac(unscaled, pow(10, 9))
	return q, nil
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

func pow(b, e int) *big.Int { return new(big.Int).Exp(big.NewInt(int64(b)), big.NewInt(int64(e)), nil) }

func mul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	if c/b != a {
		return 0, false
	}
	return c, true
}

func (q *Quantity) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		s = n.String()
	}
	p, err := Parse(strings.TrimSpace(s))
	if err != nil {
		return err
	}
	*q = p
	return nil
}
