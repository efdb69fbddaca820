package coder

import (
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
)

// modeOf is the codebook mode in which a pattern of embedding kind k names
// the act in its complement: a pledge or a willingness is an intent, an
// appeal an appeal, and so on.
func modeOf(k dict.EmbedKind) cameo.Mode {
	switch k {
	case dict.EmbedIntent, dict.EmbedCarrier:
		return cameo.ModeIntent
	case dict.EmbedAppeal:
		return cameo.ModeAppeal
	case dict.EmbedDemand:
		return cameo.ModeDemand
	case dict.EmbedRefuse:
		return cameo.ModeRefusal
	case dict.EmbedThreat:
		return cameo.ModeThreat
	}
	return 0
}

// embedCode returns the code an embedding act of kind k gives an embedded
// event of code code (a pledge to send aid, 071 -> 0331), or "" when the
// codebook has none.
func (c *Coder) embedCode(k dict.EmbedKind, code string) string {
	return c.cb.Parallel(modeOf(k), code)
}

// futureCode codes an event stated in the future ("will send aid"): a
// commitment under root 03 for cooperation, a threat under root 13 for
// hostile acts; "" for acts that a future tense only predicts.
func (c *Coder) futureCode(code string) string {
	switch {
	case cameo.Intents.Has(code):
		return code
	case cameo.CooperativeActs.Has(code):
		return c.cb.Parallel(cameo.ModeIntent, code)
	case cameo.HostileActs.Has(code):
		return c.cb.Parallel(cameo.ModeThreat, code)
	}
	return ""
}

// negFutureCode codes a negated future ("will not withdraw"): a refusal
// under root 12 for cooperation; for force, an intent to de-escalate
// ("would not open fire" -> 0356).
func (c *Coder) negFutureCode(code string) string {
	switch {
	case cameo.CooperativeActs.Has(code):
		return c.cb.Parallel(cameo.ModeRefusal, code)
	case cameo.Force.Has(code):
		return cameo.CodeIntentToDeescalate
	}
	return ""
}
