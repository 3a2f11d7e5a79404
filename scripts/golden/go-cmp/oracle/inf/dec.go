// Package inf stands in for gopkg.in/inf.v0: the field layout of inf.Dec, which a Quantity
// parsed outside the int64 fast path holds.
package inf

import "math/big"

type Scale int32

type Dec struct {
	unscaled big.Int
	scale    Scale
}

// New returns unscaled * 10**-scale.
func New(unscaled *big.Int, scale Scale) *Dec {
	d := &Dec{scale: scale}
	d.unscaled.Set(unscaled)
	return d
}
