// Prints go-cmp v0.7.0's cmp.Diff(old, new) for each case of a JSON list read on stdin
// ([{"name", "type": "pvc"|"pv", "old", "new"}], old and new being v1 specs): a JSON object from
// case name to diff. go-cmp draws one random bit per process (the same seed, the start second, in
// report_text.go and internal/diff): it chooses U+00A0 or U+0020 after the +/- markers and which
// end the slice differ starts from. Only the run whose output has U+0020 is its deterministic
// form (flags.Deterministic); any other run exits with status 3 and the caller runs it again.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"ckalab.local/gocmp-oracle/core"
	"github.com/google/go-cmp/cmp"
)

type testCase struct {
	Name string          `json:"name"`
	Type string          `json:"type"`
	Old  json.RawMessage `json:"old"`
	New  json.RawMessage `json:"new"`
}

func diff(c testCase) (string, error) {
	switch c.Type {
	case "pvc":
		var a, b core.PersistentVolumeClaimSpec
		if err := json.Unmarshal(c.Old, &a); err != nil {
			return "", err
		}
		if err := json.Unmarshal(c.New, &b); err != nil {
			return "", err
		}
		return cmp.Diff(a, b), nil
	case "pv":
		var a, b core.PersistentVolumeSource
		if err := json.Unmarshal(c.Old, &a); err != nil {
			return "", err
		}
		if err := json.Unmarshal(c.New, &b); err != nil {
			return "", err
		}
		return cmp.Diff(a, b), nil
	}
	return "", fmt.Errorf("unknown type %q", c.Type)
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := map[string]string{}
	for _, c := range cases {
		d, err := diff(c)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", c.Name, err)
			os.Exit(1)
		}
		if strings.Contains(d, "\u00a0") {
			os.Exit(3)
		}
		out[c.Name] = d
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
