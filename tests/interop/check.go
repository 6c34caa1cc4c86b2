// An independent checker: the Go team's sumdb/note and sumdb/tlog open Gongyi's checkpoint notes and
// check its RFC 6962 proofs. Reads one JSON request on stdin, writes one JSON answer on stdout.
package main

import (
	"encoding/hex"
	"encoding/json"
	"os"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type noteReq struct {
	Note string   `json:"note"`
	Keys []string `json:"keys"`
}
type noteAns struct {
	Ok       bool     `json:"ok"`
	Text     string   `json:"text"`
	Verified []string `json:"verified"`
	Unknown  int      `json:"unknown"`
	Error    string   `json:"error"`
}
type recordReq struct {
	Leaf     string   `json:"leaf"`
	Index    int64    `json:"index"`
	TreeSize int64    `json:"treeSize"`
	Root     string   `json:"root"`
	Proof    []string `json:"proof"`
}
type treeReq struct {
	Size1 int64    `json:"size1"`
	Root1 string   `json:"root1"`
	Size2 int64    `json:"size2"`
	Root2 string   `json:"root2"`
	Proof []string `json:"proof"`
}
type request struct {
	Notes   []noteReq   `json:"notes"`
	Records []recordReq `json:"records"`
	Trees   []treeReq   `json:"trees"`
	Leaves  []string    `json:"leaves"`
}
type answer struct {
	Notes   []noteAns `json:"notes"`
	Records []string  `json:"records"`
	Trees   []string  `json:"trees"`
	Roots   []string  `json:"roots"`
}

func hash(s string) tlog.Hash {
	var h tlog.Hash
	b, _ := hex.DecodeString(s)
	copy(h[:], b)
	return h
}

func hashes(ss []string) []tlog.Hash {
	out := make([]tlog.Hash, len(ss))
	for i, s := range ss {
		out[i] = hash(s)
	}
	return out
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		os.Stderr.WriteString(err.Error())
		os.Exit(2)
	}
	ans := answer{Notes: []noteAns{}, Records: []string{}, Trees: []string{}, Roots: []string{}}
	for _, n := range req.Notes {
		var vs []note.Verifier
		a := noteAns{Verified: []string{}}
		for _, k := range n.Keys {
			v, err := note.NewVerifier(k)
			if err != nil {
				a.Error = err.Error()
			} else {
				vs = append(vs, v)
			}
		}
		if a.Error == "" {
			opened, err := note.Open([]byte(n.Note), note.VerifierList(vs...))
			a.Error = errText(err)
			if err == nil {
				a.Ok = true
				a.Text = opened.Text
				for _, s := range opened.Sigs {
					a.Verified = append(a.Verified, s.Name)
				}
				a.Unknown = len(opened.UnverifiedSigs)
			}
		}
		ans.Notes = append(ans.Notes, a)
	}
	for _, r := range req.Records {
		leaf, _ := hex.DecodeString(r.Leaf)
		err := tlog.CheckRecord(hashes(r.Proof), r.TreeSize, hash(r.Root), r.Index, tlog.RecordHash(leaf))
		ans.Records = append(ans.Records, errText(err))
	}
	for _, t := range req.Trees {
		err := tlog.CheckTree(hashes(t.Proof), t.Size2, hash(t.Root2), t.Size1, hash(t.Root1))
		ans.Trees = append(ans.Trees, errText(err))
	}
	// Tree hashes of every prefix of the leaves, from tlog's own stored-hash layout.
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = stored[x]
		}
		return out, nil
	})
	for i, l := range req.Leaves {
		data, _ := hex.DecodeString(l)
		hs, err := tlog.StoredHashes(int64(i), data, reader)
		if err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(2)
		}
		stored = append(stored, hs...)
		th, err := tlog.TreeHash(int64(i+1), reader)
		if err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(2)
		}
		ans.Roots = append(ans.Roots, hex.EncodeToString(th[:]))
	}
	json.NewEncoder(os.Stdout).Encode(ans)
}
