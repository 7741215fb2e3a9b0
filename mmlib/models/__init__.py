"""Teaching models for the 原理与机制 chapter (mechanisms of multiple myeloma).

Each module is a small set of pure functions: they return numbers, arrays or
dataclasses, never figures (the notebooks in ``examples/chapter_principles``
do the plotting).  Each module has a ``PARAMETERS`` tuple that marks every
parameter as published (with its source key) or illustrative.

=====================  =============================================
module                 topic
=====================  =============================================
``immunophenotype``    恶性浆细胞：流式细胞术免疫表型与 κ/λ 限制
``clonality``          单克隆性：V(D)J 组合多样性与克隆谱
``electrophoresis``    血清蛋白电泳、M 峰定量与免疫固定电泳
``bone``               骨骼病变与高钙血症：Komarova 2003 骨重塑模型
``cast_nephropathy``   肾功能不全：轻链净电荷、等电点与管型风险
``iron``               贫血：IL-6–铁调素–铁转运蛋白与 EPO 反应
``microenvironment``   肿瘤微环境：IL-6 / 破骨细胞 / APRIL 恶性循环
``proteasome``         治疗原理：蛋白酶体负荷与终末 UPR
``progression``        疾病进展：MGUS 与 SMM 队列模拟
``degrader``           治疗策略：IMiD / CELMoD 诱导的 IKZF1/3 降解动力学
``resistance``         耐药机制：敏感与耐药亚克隆、预先存在与获得性耐药
=====================  =============================================

Teaching material, not clinical advice.
"""

from ._common import Parameter, parameter_table

__all__ = ["Parameter", "parameter_table"]
